#!/usr/bin/env bash
# The project's test command: system set-up and the helpers' venv, the Swift suite (it passes
# without Python; with the venv its framework, onnxruntime and TVM tests run too), the C kernels'
# own test (natively and for AArch64 under qemu-user), every reader's fuzz harness, then the
# Python-side lint and suite against the real frameworks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
python_side=false
if [ -f scripts/setup-python.sh ] && [ -d converters/tests ]; then
  python_side=true
  bash scripts/setup-python.sh
fi
swift build --build-tests
swift test --skip-build
bash scripts/test-kernels.sh
# Every reader's libFuzzer harness for a short run (DELTANN_FUZZ_SECONDS, default 30 each; 0
# skips): a crash, hang or out-of-memory fails the suite and leaves its input in Fuzz/crashes/.
fuzz_seconds="${DELTANN_FUZZ_SECONDS:-30}"
if [ "$fuzz_seconds" -gt 0 ]; then bash scripts/fuzz.sh all "$fuzz_seconds"; fi
if [ "$python_side" = true ]; then
  venv="${DELTANN_VENV:-$root/.venv}"
  DELTANN_VENV="$venv" bash scripts/lint-python.sh
  PYTHONPATH=converters "$venv/bin/python" -m pytest -q -rs converters/tests
fi
