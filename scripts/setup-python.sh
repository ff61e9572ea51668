#!/usr/bin/env bash
# Creates the Python venv that DeltaNN's helpers (converters/) run in. Idempotent: the venv
# is made once, and `pip install` runs only when converters/requirements.txt changed since
# the last successful install (its sha256 is kept inside the venv).
#   DELTANN_VENV   where the venv lives (default: <repo root>/.venv)
#   DELTANN_PYTHON the interpreter to build it from (default: python3.11, else python3)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${DELTANN_VENV:-$root/.venv}"
requirements="$root/converters/requirements.txt"
start=$(date +%s)

python="${DELTANN_PYTHON:-}"
if [ -z "$python" ]; then
  python="$(command -v python3.11 || command -v python3 || true)"
fi
if [ -z "$python" ] || ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  echo "setup-python: need Python 3.11 (set DELTANN_PYTHON); found '${python:-none}'" >&2
  exit 1
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "setup-python: creating $venv"
  "$python" -m venv "$venv"
fi

want="$(sha256sum "$requirements" | cut -d' ' -f1)"
stamp="$venv/.deltann-requirements.sha256"
if [ "$(cat "$stamp" 2>/dev/null || true)" = "$want" ]; then
  echo "setup-python: $venv up to date ($(( $(date +%s) - start )) s)"
  exit 0
fi

echo "setup-python: installing converters/requirements.txt into $venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
"$venv/bin/python" -m pip check
echo "$want" > "$stamp"
echo "setup-python: done in $(( $(date +%s) - start )) s ($(du -sh "$venv" | cut -f1))"
