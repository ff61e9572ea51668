#!/usr/bin/env bash
# The project's test command: system set-up, the Swift suite (no Python needed), the C kernels'
# own test (natively and for AArch64 under qemu-user), then the Python-side suite against the
# real frameworks when the helpers' set-up script exists.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build
bash scripts/test-kernels.sh
# Every reader's libFuzzer harness for a short run (DELTANN_FUZZ_SECONDS, default 30 each; 0
# skips): a crash, hang or out-of-memory fails the suite and leaves its input in Fuzz/crashes/.
fuzz_seconds="${DELTANN_FUZZ_SECONDS:-30}"
if [ "$fuzz_seconds" -gt 0 ]; then bash scripts/fuzz.sh all "$fuzz_seconds"; fi
if [ -f scripts/setup-python.sh ] && [ -d converters/tests ]; then
  bash scripts/setup-python.sh
  venv="${DELTANN_VENV:-$root/.venv}"
  DELTANN_VENV="$venv" bash scripts/lint-python.sh
  PYTHONPATH=converters "$venv/bin/python" -m pytest -q -rs converters/tests
fi
