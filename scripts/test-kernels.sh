#!/usr/bin/env bash
# The C kernels' own test (Tests/CKernels/kernels_test.c) and the worker pool's
# (Tests/CKernels/worker_pool_test.c) without Swift: built natively for the levels this CPU runs,
# then cross-built for AArch64 and run under qemu-user so the NEON set and the pool's atomics are
# tested on x86-64 machines too. A missing cross compiler or qemu skips that part with a line
# saying so (scripts/setup.sh installs both).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
sources=(Sources/CKernels/*.c Tests/CKernels/kernels_test.c)
flags=(-O2 -std=c11 -Wall -Werror -I Sources/CKernels/include)
pool_sources=(Sources/CWorkerPool/worker_pool.c Tests/CKernels/worker_pool_test.c)
pool_flags=(-O2 -std=c11 -Wall -Werror -I Sources/CWorkerPool/include)

echo "test-kernels: native ($(uname -m))"
cc "${flags[@]}" "${sources[@]}" -lm -o "$out/native"
cc "${pool_flags[@]}" "${pool_sources[@]}" -lpthread -o "$out/native-pool"
"$out/native-pool"
"$out/native"
cc "${pool_flags[@]}" "${pool_sources[@]}" -lpthread -o "$out/native-pool"
"$out/native-pool"

if [ "$(uname -m)" = "aarch64" ]; then exit 0; fi
if ! command -v aarch64-linux-gnu-gcc >/dev/null || ! command -v qemu-aarch64 >/dev/null; then
  echo "test-kernels: SKIPPED aarch64 NEON kernels: aarch64-linux-gnu-gcc or qemu-aarch64 missing (bash scripts/setup.sh installs them)"
  exit 0
fi
echo "test-kernels: aarch64 under qemu-user"
aarch64-linux-gnu-gcc "${flags[@]}" -static "${sources[@]}" -lm -o "$out/aarch64"
qemu-aarch64 "$out/aarch64"
aarch64-linux-gnu-gcc "${pool_flags[@]}" -static "${pool_sources[@]}" -lpthread -o "$out/aarch64-pool"
qemu-aarch64 "$out/aarch64-pool"
