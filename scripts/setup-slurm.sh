#!/usr/bin/env bash
# Installs the Debian packages of the local Slurm (scripts/slurm-local.sh and the Slurm array
# test): slurm-wlm and munge. Idempotent: runs `apt-get update` only when a package is missing.
set -euo pipefail

packages=(slurm-wlm munge)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-slurm: slurm-wlm and munge present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup-slurm: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
