#!/usr/bin/env bash
# The main job on a fresh machine: set up, ingest and index the bundled corpus, answer a sample
# question, show the 2026 letter's deadlines; with --app, then start the Streamlit app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
ak=.venv/bin/akkoord

echo "== ingest and index the bundled corpus"
$ak ingest
$ak documents

echo "== sample question"
$ak search "Wat moet de NZa voor 2024 opleveren?" --k 5

echo "== deadlines in the 2026 letter"
$ak deadlines --doc 003_bc5badbf8b9b28ce.txt | head -n 30

if [ "${1:-}" = "--app" ]; then
  echo "== starting the app on http://127.0.0.1:8501"
  exec $ak app --port 8501
else
  echo "== done; start the app with: .venv/bin/akkoord app"
fi
