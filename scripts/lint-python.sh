#!/usr/bin/env bash
# Lints and type-checks DeltaNN's Python (converters/ and scripts/*.py) with the venv's pinned
# ruff and mypy (converters/requirements.txt), configured in converters/pyproject.toml. Exits
# non-zero on any finding. Run scripts/setup-python.sh first.
#   DELTANN_VENV  the venv (default: <repo root>/.venv)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${DELTANN_VENV:-$root/.venv}"
config="$root/converters/pyproject.toml"
cd "$root"
for tool in ruff mypy; do
  if [ ! -x "$venv/bin/$tool" ]; then
    echo "lint-python: $venv/bin/$tool missing: run scripts/setup-python.sh" >&2
    exit 2
  fi
done

status=0
"$venv/bin/ruff" check --config "$config" converters scripts/*.py || status=1
"$venv/bin/mypy" --config-file "$config" converters/deltann_converters converters/make_golden.py converters/tests \
  scripts/*.py || status=1
exit "$status"
