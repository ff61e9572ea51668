#!/usr/bin/env bash
# The main job on a fresh machine: set up, build, and run the demonstration pipeline
# (pipelines/demo.yaml) on golden/ — no Python needed. Prints each step's summary and the
# path of the HTML report.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
swift build --product deltann
.build/debug/deltann pipeline run pipelines/demo.yaml "$@"
