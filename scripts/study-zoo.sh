#!/usr/bin/env bash
# The models of pipelines/study.yaml: the four full-size architectures (MobileNetV2, ResNet101V2,
# DenseNet121, InceptionV3) with seeded weights and calibrated BatchNormalization statistics, in
# Keras (with tf2onnx's conversion) and in PyTorch (with torch.onnx's), made by the project's one
# zoo generator (`python -m deltann_converters zoo`). Nothing is downloaded. About 1.9 GB; took
# 38 minutes on two busy shared cores. A model already made (its zoo.json present) is kept.
#
#   bash scripts/study-zoo.sh [FOLDER]     (default: zoo/, which the study reads by default)
#   deltann pipeline run pipelines/study.yaml --set zoo=FOLDER     (when FOLDER is elsewhere)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/zoo}"
python="${DELTANN_VENV:-$root/.venv}/bin/python"
[ -x "$python" ] || { echo "study-zoo: no Python venv at $python (bash scripts/setup-python.sh makes it)" >&2; exit 2; }
for framework in keras torch; do
  for arch in mobilenetv2 resnet101v2 densenet121 inceptionv3; do
    folder="$out/$framework/$arch"
    if [ -f "$folder/zoo.json" ]; then echo "study-zoo: $folder (made before)"; continue; fi
    echo "study-zoo: $folder"
    PYTHONPATH="$root/converters" "$python" -m deltann_converters zoo --arch "$arch" --framework "$framework" --out "$folder"
  done
done
