#!/usr/bin/env bash
# Measures `deltann inspect` peak RSS on a ~500 MB model with external data (made by
# scripts/make-large-model.py, not committed) against the target: file size × 1.2 + 100 MB.
#   bash scripts/measure-inspect-memory.sh [WORK_FOLDER]   (needs /usr/bin/time: apt package `time`)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-${TMPDIR:-/tmp}/deltann-large-model}"
python="${DELTANN_PYTHON:-$root/.venv/bin/python}"
[ -f "$work/model.onnx" ] || "$python" "$root/scripts/make-large-model.py" "$work"
swift build -c release --product deltann --package-path "$root" >/dev/null
bytes=$(( $(stat -c %s "$work/model.onnx") + $(stat -c %s "$work/model.onnx.data") ))
report=$(/usr/bin/time -v "$root/.build/release/deltann" inspect "$work/model.onnx" 2>&1 >/dev/null)
peak_kb=$(echo "$report" | awk -F': ' '/Maximum resident set size/ {print $2}')
limit_kb=$(( bytes * 12 / 10 / 1024 + 100 * 1024 ))
echo "model + external data: $(( bytes / 1024 / 1024 )) MiB; peak RSS: $(( peak_kb / 1024 )) MiB; target: < $(( limit_kb / 1024 )) MiB"
[ "$peak_kb" -lt "$limit_kb" ]
