#!/usr/bin/env bash
# Installs what is missing, then starts CE Desktop. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
    echo "CE Desktop needs a screen, and none was found (DISPLAY is not set)." >&2
    echo "Installed version: $(.venv/bin/ce-desktop --version)" >&2
    exit 1
fi
exec .venv/bin/ce-desktop "$@"
