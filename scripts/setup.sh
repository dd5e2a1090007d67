#!/usr/bin/env bash
# Installs everything CE Desktop needs, from a fresh clone on Debian or Ubuntu:
# the system libraries Qt needs (only those missing), a virtual environment in .venv,
# and the app with its test tools. Safe to run again: it does nothing that is done.
set -euo pipefail
cd "$(dirname "$0")/.."

system_packages=(
    libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
    fonts-dejavu-core poppler-utils binutils
)
# Only for the test command (bash scripts/setup.sh --for-tests): a private CUPS print
# server with a PDF printer, which the printing tests start and stop themselves.
test_packages=(cups-daemon cups-client printer-driver-cups-pdf)
[ "${1:-}" = "--for-tests" ] && system_packages+=("${test_packages[@]}")

install_system_packages() {
    command -v dpkg-query >/dev/null 2>&1 || {
        echo "setup: not a Debian-based system; install Qt's libraries (libGL, libEGL, xkbcommon, fontconfig) yourself." >&2
        return 0
    }
    local missing=()
    for package in "${system_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: installing system packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

find_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 14))'; then
            echo "$candidate"
            return 0
        fi
    done
    echo "setup: Python 3.11, 3.12 or 3.13 is needed." >&2
    return 1
}

install_python_packages() {
    local python stamp wanted
    if [ ! -x .venv/bin/python ]; then
        python=$(find_python)
        "$python" -m venv .venv
    fi
    stamp=.venv/.ce-desktop-installed
    wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ] || ! .venv/bin/python -c 'import ce_desktop' 2>/dev/null; then
        echo "setup: installing CE Desktop and its test tools into .venv"
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e ".[dev]"
        echo "$wanted" > "$stamp"
    fi
}

install_system_packages
install_python_packages
