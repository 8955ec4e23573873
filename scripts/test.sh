#!/usr/bin/env bash
# Every check, as CI runs it: set up, lint, format, type-check, then the test suite (with the
# dev-set evaluation guard and the browser test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/install_browser.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
. .venv/bin/activate

echo "== ruff check"; ruff check .
echo "== ruff format --check"; ruff format --check .
echo "== mypy"; mypy
echo "== pytest"; pytest "$@"
