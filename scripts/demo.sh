#!/usr/bin/env bash
# The main job on a fresh machine: set up, build, and run the demonstration.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
swift build -c release --product deltann
model=/usr/share/libonnx-testdata/data/pytorch-converted/test_BatchNorm2d_eval/model.onnx
.build/release/deltann inspect "$model"
