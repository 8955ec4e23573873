#!/usr/bin/env bash
# Create .venv in the checkout and install akkoord with its pinned dependencies (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi

# Re-install only when the dependency files changed since the last successful setup.
stamp=.venv/.akkoord-setup
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "== installing dependencies (torch CPU wheel first, then the pinned set)"
  # torch first and pinned: an unpinned torch would pull a multi-GB CUDA build.
  .venv/bin/pip install --quiet torch==2.13.0
  # The ray extra too, so that CI runs the Ray ingest test (tests/test_ray_ingest.py).
  .venv/bin/pip install --quiet -c constraints.txt -e ".[dev,ray]"
  echo "$want" > "$stamp"
fi
