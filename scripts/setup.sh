#!/usr/bin/env bash
# Installs everything CE Desktop needs, from a fresh clone on Debian or Ubuntu:
# the system libraries Qt needs, on a screen (xcb) and offscreen (only those missing),
# what the chosen Python lacks (venv, the shared libpython the bundle needs), a virtual
# environment in .venv, and the app with its test tools. Safe to run again: it does
# nothing that is done, and rebuilds a .venv that an interrupted run left half-made.
#
#     bash scripts/setup.sh              # what the app needs to run
#     bash scripts/setup.sh --for-tests  # and what the tests need: Xvfb, xauth, xdotool,
#                                        # openbox (a small window manager), AT-SPI,
#                                        # and CUPS with its PDF printer
set -euo pipefail

system_packages=(
    # Qt itself, offscreen or not, and the fonts and tools the app and its checks use
    libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
    fonts-dejavu-core poppler-utils binutils
    # Qt's xcb platform: a window on a real X display
    libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
    libxcb-xfixes0 libxcb-xinput0 libxcb-xkb1 libxkbcommon-x11-0
    # Qt's print support lists the printers through CUPS
    libcups2
)
# Only for the test command (--for-tests): a private CUPS print server with a PDF
# printer, which the printing tests start and stop themselves; and for the desktop
# tests an X display, a window manager, key presses, and the accessibility tree
# (AT-SPI over a session bus, read by the system's Python) to know where focus is
test_packages=(
    cups-daemon cups-client printer-driver-cups-pdf
    xvfb xauth xdotool openbox x11-xkb-utils
    dbus-daemon at-spi2-core python3-gi gir1.2-atspi-2.0
)

find_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 14))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "setup: Python 3.11, 3.12 or 3.13 is needed." >&2
    return 1
}

venv_is_whole() {
    # A venv an interrupted or failed run left behind has no python that runs, or no pip
    # (python3 -m venv without python3-venv stops before installing pip).
    [ -x .venv/bin/python ] && .venv/bin/python -c 'import pip' >/dev/null 2>&1
}

python_system_packages() {
    # A Debian or Ubuntu Python (under /usr) needs its venv module, and the shared
    # libpython that PyInstaller puts in the bundle; other Pythons bring their own.
    local python=$1 prefix version
    prefix=$("$python" -c 'import sys; print(sys.base_prefix)')
    [ "$prefix" = /usr ] || return 0
    version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    echo "python$version-venv"
    if ! "$python" -c 'import ctypes.util, sys; sys.exit(not ctypes.util.find_library("python'"$version"'"))'; then
        echo "libpython$version"
    fi
}

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

install_system_packages() {
    local wanted=("$@") missing=() package
    command -v dpkg-query >/dev/null 2>&1 || {
        echo "setup: not a Debian-based system; install these yourself (or their equivalents): ${wanted[*]}" >&2
        return 0
    }
    for package in "${wanted[@]}"; do
        is_installed "$package" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: installing system packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
    "${apt[@]}" update -qq
    "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}"
}

install_python_packages() {
    local python=$1 stamp wanted
    if ! venv_is_whole; then
        [ -e .venv ] && echo "setup: .venv is incomplete (an interrupted run?); making it again"
        rm -rf .venv
        "$python" -m venv .venv
    fi
    stamp=.venv/.ce-desktop-installed
    wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ] || ! .venv/bin/python -c 'import ce_desktop' 2>/dev/null; then
        echo "setup: installing CE Desktop and its test tools into .venv"
        rm -f "$stamp"
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e ".[dev]"
        echo "$wanted" > "$stamp"
    fi
}

main() {
    local for_tests=false python packages python_needs
    case "${1:-}" in
        "") ;;
        --for-tests) for_tests=true ;;
        *) echo "setup: unknown option $1 (the only one is --for-tests)" >&2; exit 2 ;;
    esac
    cd "$(dirname "${BASH_SOURCE[0]}")/.."
    if venv_is_whole; then
        python=.venv/bin/python
    else
        python=$(find_python)
    fi
    packages=("${system_packages[@]}")
    read -r -a python_needs <<< "$(python_system_packages "$python" | tr '\n' ' ')"
    packages+=("${python_needs[@]}")
    "$for_tests" && packages+=("${test_packages[@]}")
    install_system_packages "${packages[@]}"
    install_python_packages "$python"
}

# Sourced (by a test), it only defines the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
