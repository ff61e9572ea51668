#!/usr/bin/env bash
# Clean full-size conversions, checked as a user would: for every model folder of a zoo made by
# `python -m deltann_converters zoo` (<zoo>/<keras|torch>/<arch>/), deltann converts the source,
# then `deltann verify` and `deltann localize` (noise floor on) judge the peer's conversion
# (tf2onnx / torch.onnx) and deltann's. Prints one line per conversion: verdict, alignment
# coverage, label differences, layers out of tolerance.
#
#   bash scripts/verify-zoo.sh ZOO [INPUTS]
#
# INPUTS (default 2) is how many of the zoo's inputs the source framework records (every
# layer; a full-size recording is gigabytes) into <arch>/<framework>.npz, when that recording
# is missing; localize compares every recorded input. Needs a release build
# (`swift build -c release --product deltann`) and the Python helpers' venv (.venv).
set -euo pipefail
zoo=${1:?usage: scripts/verify-zoo.sh ZOO [INPUTS]}
count=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
deltann=$root/.build/release/deltann
python=$root/.venv/bin/python
[ -x "$deltann" ] || { echo "no release build: swift build -c release --product deltann" >&2; exit 2; }
[ -x "$python" ] || { echo "no helper venv at $python: bash scripts/setup-python.sh" >&2; exit 2; }
printf '%-22s %-11s %-28s %-40s %-10s %s\n' model converter verify coverage labels "out of tolerance"
for dir in "$zoo"/keras/*/ "$zoo"/torch/*/; do
  [ -d "$dir" ] || continue
  dir=${dir%/}
  framework=$(basename "$(dirname "$dir")")
  if [ "$framework" = keras ]; then source=$dir/model.keras peer=$dir/tf2onnx.onnx peerName=tf2onnx
  else source=$dir/model.pt2 peer=$dir/torch_onnx.onnx peerName=torch.onnx; fi
  [ -f "$source" ] && [ -f "$peer" ] && [ -f "$dir/inputs.npz" ] || { echo "$dir: incomplete, skipped" >&2; continue; }
  work=$dir/verify-zoo
  mkdir -p "$work"
  # The source framework's recording, shared with the zoo mutation tests (ZooMutationLocalizationTests).
  inputs=$work/inputs-$count.npz
  reference=$dir/$framework.npz
  if [ ! -f "$reference" ]; then
    "$python" -c "import numpy as np, sys; a = np.load(sys.argv[1])['input'][:int(sys.argv[3])]; np.savez(sys.argv[2], input=a)" \
      "$dir/inputs.npz" "$inputs" "$count"
    PYTHONPATH=$root/converters "$python" -m deltann_converters run --framework "$framework" --model "$source" \
      --inputs "$inputs" --capture all --out "$reference" --force > "$work/record.log" 2>&1
  fi
  [ -f "$work/deltann.onnx" ] || "$deltann" convert "$source" --to onnx -o "$work/deltann.onnx" > /dev/null
  for pair in "$peerName:$peer" "deltann:$work/deltann.onnx"; do
    name=${pair%%:*} candidate=${pair#*:}
    set +e
    "$deltann" verify "$source" "$candidate" --json "$work/verify-$name.json" --force > "$work/verify-$name.txt" 2>&1
    "$deltann" localize --reference "$reference" --source "$source" --candidate "$candidate" \
      --report "$work/localize-$name" --force > "$work/localize-$name.txt" 2>&1
    set -e
    verdict=$(head -1 "$work/verify-$name.txt" | cut -c1-28)
    coverage=$(grep -o '[0-9]* of [0-9]* source layers aligned ([0-9.]* %)' "$work/localize-$name.txt" || echo "?")
    labels=$(grep -o 'differs on [0-9]* of [0-9]*' "$work/localize-$name.txt" | sed 's/differs on //' || echo "?")
    flagged=$(grep -o 'layers out of tolerance: .*' "$work/localize-$name.txt" | sed 's/layers out of tolerance: //' || echo "?")
    printf '%-22s %-11s %-28s %-40s %-10s %s\n' "$framework/$(basename "$dir")" "$name" "$verdict" "$coverage" "$labels" "$flagged"
  done
done
