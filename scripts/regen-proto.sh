#!/usr/bin/env bash
# Regenerates Sources/CProtobufONNX from the system's onnx/onnx.proto (libonnx-dev).
# The output is identical on every run; commit it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
include="$(dirname "$(dpkg -L libonnx-dev | grep '/onnx/onnx.proto$' | head -n 1)")/.."
out="$root/Sources/CProtobufONNX"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
protoc-c --proto_path="$include" --c_out="$tmp" onnx/onnx.proto
mkdir -p "$out/include/onnx"
mv "$tmp/onnx/onnx.pb-c.h" "$out/include/onnx/onnx.pb-c.h"
# The .c file includes "onnx/onnx.pb-c.h", found through the target's include/ folder.
mv "$tmp/onnx/onnx.pb-c.c" "$out/onnx.pb-c.c"
echo "regenerated $out from $include/onnx/onnx.proto"
