#!/usr/bin/env bash
# Builds the one-folder bundle from build.spec, runs its self-test offscreen and once on
# the xcb platform (a real X display, under Xvfb), and reports the folder's size.
# Output: dist/ce-desktop/ (run dist/ce-desktop/ce-desktop; for commands from a console
# or a script, dist/ce-desktop/ce-desktop-cli).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --for-tests >/dev/null

echo "bundle: building with PyInstaller (build/ and dist/ are ignored by git)"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --workpath build/pyinstaller --distpath dist build.spec

bundle=dist/ce-desktop
echo "bundle: self-test"
selftest_dir=$(mktemp -d)
trap 'rm -rf "$selftest_dir"' EXIT
QT_QPA_PLATFORM=offscreen TMPDIR="$selftest_dir" "$bundle/ce-desktop" --self-test
echo "bundle: self-test on the xcb platform (Xvfb)"
xvfb-run --auto-servernum --server-args="-screen 0 1366x768x24 -nolisten tcp" \
    env QT_QPA_PLATFORM=xcb TMPDIR="$selftest_dir" "$bundle/ce-desktop" --self-test
echo "bundle: the console executable, ce-desktop-cli"
QT_QPA_PLATFORM=offscreen TMPDIR="$selftest_dir" "$bundle/ce-desktop-cli" schema >/dev/null
QT_QPA_PLATFORM=offscreen TMPDIR="$selftest_dir" "$bundle/ce-desktop-cli" --self-test

size_mb=$(du -sm "$bundle" | cut -f1)
echo "bundle: $bundle is ${size_mb} MB (goal: under 150 MB)"
