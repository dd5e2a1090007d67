#!/usr/bin/env bash
# Installs what is missing (with the test tools: Xvfb, openbox, xdotool, AT-SPI), then
# runs every check: lint, format, types, the whole test suite (the screens offscreen,
# and the keyboard journey through the real app on an Xvfb display) and the bundle
# build with its self-test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --for-tests

echo "== ruff"
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
echo "== mypy"
.venv/bin/mypy
echo "== layers (import-linter)"
.venv/bin/lint-imports --no-cache
echo "== pytest"
status=0
CE_DESKTOP_DESKTOP_TESTS=required QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -p no:cacheprovider "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure here." >&2
    exit 1
fi
[ "$status" -eq 0 ] || exit "$status"

echo "== bundle"
bash scripts/build_bundle.sh
