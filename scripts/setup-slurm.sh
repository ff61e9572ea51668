#!/usr/bin/env bash
# Installs the Debian packages of the local Slurm (scripts/slurm-local.sh and the Slurm array
# test): slurm-wlm and munge. Idempotent: runs `apt-get update` only when one is missing.
set -euo pipefail

packages=(slurm-wlm munge)
installed="$(dpkg-query -W -f='${Status}\n' "${packages[@]}" 2>/dev/null | grep -c "install ok installed" || true)"
if [ "$installed" -eq "${#packages[@]}" ]; then
  echo "setup-slurm: ${packages[*]} present"
  exit 0
fi
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "setup-slurm: installing ${packages[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
