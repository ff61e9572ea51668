#!/usr/bin/env bash
# Builds and runs one libFuzzer harness of Fuzz/ for SECONDS (default 60):
#   scripts/fuzz.sh npy 60      scripts/fuzz.sh onnx 600      scripts/fuzz.sh all 30
# The module a harness reads through (ModelFormats, Importers or Pipeline) and its dependencies
# are built with -sanitize=fuzzer,address into .build/fuzz, then Fuzz/READER.swift (with
# Fuzz/Support/) is linked against them. Seeds come from golden/, the test fixtures and
# libonnx-testdata; crashes are written to Fuzz/crashes/READER/ as regression inputs. `all`
# runs every harness in turn and fails if any found a crash, hang or out-of-memory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
readers=$(ls Fuzz/*.swift | sed 's|Fuzz/||; s/\.swift$//' | tr '\n' ' ')
reader=${1:?usage: scripts/fuzz.sh READER|all [SECONDS]  (READER: $readers)}
seconds=${2:-60}
if [ "$reader" = all ]; then
  failed=()
  for r in $readers; do
    bash "$0" "$r" "$seconds" || failed+=("$r")
  done
  [ ${#failed[@]} -eq 0 ] || { echo "fuzz: findings in: ${failed[*]}" >&2; exit 1; }
  exit 0
fi
[ -f "Fuzz/$reader.swift" ] || { echo "no harness Fuzz/$reader.swift (have: $readers)" >&2; exit 2; }

# HDF5 files are read by libhdf5 in a child process that may take 5 s or more before it is declared
# hung (HDF5File+Probe.swift); libFuzzer's own hang limit sits above that.
timeout=10
case "$reader" in
  keras|kerasconfig|h5) module=Importers; timeout=60 ;;
  pt2|pt2json) module=Importers ;;
  yaml) module=Pipeline ;;
  *) module=ModelFormats ;;
esac
swift build --build-path .build/fuzz --target "$module" -Xswiftc -enable-testing \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >&2
build=$(readlink -f .build/fuzz/debug)
# Objects of every module built, but for a Swift module only those of its current sources (its
# `sources` list): a renamed or deleted file's old object stays in the build folder.
objects=$(find "$build" -maxdepth 1 -name '*.build' ! -name deltann.build ! -name '*Tests.build' ! -name TestSupport.build |
  while read -r dir; do
    if [ -f "$dir/sources" ]; then while read -r source; do echo "$dir/$(basename "$source").o"; done < "$dir/sources"
    else find "$dir" -name '*.o'; fi
  done)
work=.build/fuzz/$reader
mkdir -p "$work/corpus" "Fuzz/crashes/$reader"
swiftc -sanitize=fuzzer,address -parse-as-library -enable-testing -g -module-name "fuzz_$reader" -I "$build/Modules" \
  $(find Sources -name module.modulemap -path '*C*' -exec dirname {} \; | sed 's/^/-I /') \
  $(find Sources -path '*/C*/include' -type d | sed 's/^/-Xcc -I -Xcc /') \
  $(find .build/fuzz/checkouts -name module.modulemap -exec dirname {} \; | sed "s/^/-I /") \
  $(find "$build" -maxdepth 2 -name module.modulemap | sed "s/^/-Xcc -fmodule-map-file=/") \
  $(pkg-config --cflags-only-I hdf5 libpng libturbojpeg libdeflate openblas | tr ' ' '\n' | grep . | sed 's/^/-Xcc /') \
  "Fuzz/$reader.swift" Fuzz/Support/*.swift $objects \
  $(pkg-config --libs hdf5 libpng libturbojpeg libdeflate zlib openblas) \
  -lhdf5_serial_hl -lprotobuf-c -lonnx -lonnx_proto -lprotobuf -lstdc++ \
  -o "$work/fuzz-$reader"

# Leaks are not findings: Foundation leaks a path buffer per file opened (ZIPFoundation), and
# LeakSanitizer at exit would write the last input as a crash. Absurd allocation sizes return
# NULL as glibc does (libhdf5 asks for them in the child that reads HDF5 files, and handles NULL).
export ASAN_OPTIONS=detect_leaks=0:quarantine_size_mb=64:allocator_may_return_null=1
# Seeds: files of the reader's kind, plus members unpacked from archives for the member harnesses.
seed="$work/seeds"
rm -rf "$seed"; mkdir -p "$seed"
copy() { find "$@" -type f -size -2M -exec cp --backup=numbered {} "$seed/" \; 2>/dev/null || true; }
testdata=/usr/share/libonnx-testdata/data
case "$reader" in
  npy) copy Tests/ModelFormatsTests/Fixtures/npy -name '*.npy' ;;
  npz) copy golden Tests -name '*.npz' ;;
  onnx) copy golden "$testdata/node/test_conv_with_strides_padding" "$testdata/pytorch-converted/test_Conv2d" -name '*.onnx' ;;
  keras) copy golden Tests -name '*.keras' ;;
  h5) copy golden Tests -name '*.h5' ;;
  pt2) copy golden Tests -name '*.pt2' ;;
  png) copy Tests -name '*.png' ;;
  jpeg) copy Tests -name '*.jpg' ;;
  yaml) copy pipelines Tests -name '*.yaml' ;;
  kerasconfig|pt2json)
    for archive in golden/*/*/model.keras golden/*/*/model.pt2; do
      n=$(echo "$archive" | tr / _)
      unzip -p "$archive" config.json > "$seed/$n.config.json" 2>/dev/null || rm -f "$seed/$n.config.json"
      unzip -p "$archive" '*/models/model.json' > "$seed/$n.model.json" 2>/dev/null || rm -f "$seed/$n.model.json"
    done
    [ "$reader" = kerasconfig ] && rm -f "$seed"/*.model.json || rm -f "$seed"/*.config.json ;;
esac
echo "fuzz $reader: $(ls "$seed" | wc -l) seeds, $seconds s" >&2
"$work/fuzz-$reader" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=$timeout -detect_leaks=0 -max_len=1048576 \
  -artifact_prefix="Fuzz/crashes/$reader/" -print_final_stats=1 "$work/corpus" "$seed"
