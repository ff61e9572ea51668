#!/usr/bin/env bash
# Builds and runs one libFuzzer harness of Fuzz/ for SECONDS (default 60):
#   scripts/fuzz.sh npy 60      scripts/fuzz.sh onnx 600
# ModelFormats and its dependencies are built with -sanitize=fuzzer,address into .build/fuzz,
# then the harness Fuzz/READER.swift is linked against them. Seeds come from golden/ and
# libonnx-testdata; crashes are written to Fuzz/crashes/READER/ as regression inputs.
set -euo pipefail
reader=${1:?usage: scripts/fuzz.sh READER [SECONDS]  (READER: $(cd "$(dirname "$0")/../Fuzz" && ls *.swift | sed 's/\.swift$//' | tr '\n' ' '))}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -f "Fuzz/$reader.swift" ] || { echo "no harness Fuzz/$reader.swift" >&2; exit 2; }

swift build --build-path .build/fuzz --target ModelFormats \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >&2
build=$(readlink -f .build/fuzz/debug)
objects=$(find "$build"/{ModelFormats,ModelGraph,ZIPFoundation,CProtobufONNX,CONNXChecker}.build -name '*.o')
work=.build/fuzz/$reader
mkdir -p "$work/corpus" "Fuzz/crashes/$reader"
swiftc -sanitize=fuzzer,address -parse-as-library -g -I "$build/Modules" \
  -Xcc -I -Xcc Sources/CProtobufONNX/include -Xcc -I -Xcc Sources/CONNXChecker/include \
  $(find Sources -name module.modulemap -path '*C*' -exec dirname {} \; | sed 's/^/-I /') \
  $(find .build/fuzz/checkouts/ZIPFoundation/Sources -name module.modulemap -exec dirname {} \; | sed "s/^/-I /") \
  $(find "$build" -maxdepth 2 -name module.modulemap | sed "s/^/-Xcc -fmodule-map-file=/") \
  $(pkg-config --cflags-only-I hdf5 libpng libturbojpeg libdeflate | tr ' ' '\n' | grep . | sed 's/^/-Xcc /') \
  "Fuzz/$reader.swift" $objects \
  $(pkg-config --libs hdf5 libpng libturbojpeg libdeflate zlib) \
  -lhdf5_serial_hl -lprotobuf-c -lonnx -lonnx_proto -lprotobuf -lstdc++ \
  -o "$work/fuzz-$reader"

seeds=()
case "$reader" in
  npy) seeds=(Tests/ModelFormatsTests/Fixtures/npy) ;;
  onnx) seeds=(golden /usr/share/libonnx-testdata/data/node/test_conv_with_strides_padding
               /usr/share/libonnx-testdata/data/pytorch-converted/test_Conv2d) ;;
esac
seed="$work/seeds"
mkdir -p "$seed"
for s in "${seeds[@]}"; do
  find "$s" -type f -name "*.$reader" -size -2M -exec cp --backup=numbered {} "$seed/" \; 2>/dev/null || true
done
"$work/fuzz-$reader" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -artifact_prefix="Fuzz/crashes/$reader/" -print_final_stats=1 "$work/corpus" "$seed"
