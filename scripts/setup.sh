#!/usr/bin/env bash
# Installs the Debian packages DeltaNN builds and tests against. Idempotent:
# runs `apt-get update` only when a package is missing, and only once.
set -euo pipefail

packages=(
  pkg-config
  libprotobuf-c-dev protobuf-c-compiler
  libonnx-dev libprotobuf-dev protobuf-compiler
  libopenblas-dev libhdf5-dev
  libpng-dev libturbojpeg0-dev zlib1g-dev libdeflate-dev
  libonnx-testdata
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
  slurm-wlm munge
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: system packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
