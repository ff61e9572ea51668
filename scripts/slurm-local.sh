#!/usr/bin/env bash
# A one-node Slurm on localhost (Debian's slurm-wlm and munge), configured for a container:
# no cgroups, no systemd, no accounting. Daemons run as root in the background with their
# configuration, keys, logs and state under one folder ($DELTANN_SLURM_STATE, default
# /tmp/deltann-slurm).
#
#   scripts/slurm-local.sh start                 start munged, slurmctld and slurmd (idempotent)
#   scripts/slurm-local.sh run FILE N [MERGED]   start, run FILE as `sbatch --array=0-(N-1)` with
#                                                `deltann pipeline run FILE --shard $SLURM_ARRAY_TASK_ID/N`,
#                                                wait, then `deltann pipeline merge` into MERGED
#                                                (default: the pipeline's output folder)
#   scripts/slurm-local.sh stop                  stop the daemons this script started
#
# DELTANN names the deltann executable (default .build/debug/deltann); extra arguments for every
# shard's `pipeline run` go in DELTANN_SHARD_ARGS. Needs root (slurmd runs jobs as their user).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state="${DELTANN_SLURM_STATE:-/tmp/deltann-slurm}"
ctld_port="${DELTANN_SLURM_PORT:-6817}"
conf="$state/slurm.conf"
socket="$state/munge/munge.socket.2"
export SLURM_CONF="$conf"

die() { echo "slurm-local: $*" >&2; exit 1; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Starts a daemon with no terminal and none of our open files. A caller that waits for this
# script through a pipe or socket (Foundation's Process watches a socket pair) would otherwise
# wait for the daemon to exit.
detached() {
  (
    for fd in /proc/self/fd/*; do
      n="${fd##*/}"
      [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null
    done
    exec "$@"
  ) </dev/null >>"$state/daemons.out" 2>&1
}

write_config() {
  local host cpus
  host="$(hostname -s)"
  cpus="$(nproc)"
  cat >"$conf" <<EOF
# Written by scripts/slurm-local.sh: one node, no cgroups, no accounting, no systemd.
ClusterName=deltann
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$((ctld_port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/slurmd
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF
}

start() {
  [ "$(id -u)" -eq 0 ] || die "must run as root: slurmd starts jobs as their submitting user"
  for tool in munged mungekey slurmctld slurmd sbatch sinfo; do
    command -v "$tool" >/dev/null || die "$tool is missing; run scripts/setup.sh"
  done
  mkdir -p "$state/munge" "$state/ctld" "$state/slurmd"
  chmod 0700 "$state" "$state/munge"
  write_config
  if ! alive "$state/munged.pid"; then
    [ -f "$state/munge/munge.key" ] || mungekey --create --keyfile="$state/munge/munge.key"
    chmod 0400 "$state/munge/munge.key"
    detached munged --force --key-file="$state/munge/munge.key" --socket="$socket" \
      --pid-file="$state/munged.pid" --log-file="$state/munged.log" --seed-file="$state/munge/seed"
  fi
  if ! alive "$state/slurmctld.pid"; then
    detached slurmctld -f "$conf"
  fi
  if ! alive "$state/slurmd.pid"; then
    detached slurmd -f "$conf"
  fi
  # Ready when the node is idle (or mixed/allocated by earlier jobs), within 60 s.
  local node_state=""
  for _ in $(seq 1 60); do
    node_state="$(sinfo -h -N -o '%t' 2>/dev/null | head -n 1 || true)"
    case "$node_state" in idle|mix|alloc) echo "slurm-local: node $(hostname -s) is $node_state ($state)"; return 0 ;; esac
    sleep 1
  done
  echo "slurm-local: the node did not become idle (state '$node_state'); last log lines:" >&2
  tail -n 20 "$state/slurmctld.log" "$state/slurmd.log" "$state/munged.log" >&2 || true
  exit 1
}

stop() {
  for daemon in slurmd slurmctld munged; do
    if alive "$state/$daemon.pid"; then
      local pid
      pid="$(cat "$state/$daemon.pid")"
      kill "$pid"
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
  done
  echo "slurm-local: stopped"
}

run_array() {
  local file="$1" count="$2" merged="${3:-}"
  [ -f "$file" ] || die "$file: no such pipeline file"
  [[ "$count" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive whole number, found '$count'"
  local deltann
  deltann="$(realpath "${DELTANN:-$root/.build/debug/deltann}")"
  [ -x "$deltann" ] || die "$deltann is not an executable; build with swift build or set DELTANN"
  file="$(realpath "$file")"
  start
  local logs="$state/jobs"
  mkdir -p "$logs"
  echo "slurm-local: sbatch --array=0-$((count - 1)) for $file"
  local status=0
  sbatch --wait --parsable --array="0-$((count - 1))" --job-name=deltann-shard --chdir="$PWD" \
    --output="$logs/%A_%a.out" --ntasks=1 --cpus-per-task=1 \
    --wrap="exec \"$deltann\" pipeline run \"$file\" --shard \"\$SLURM_ARRAY_TASK_ID/$count\" ${DELTANN_SHARD_ARGS:-}" \
    >"$logs/last-job" || status=$?
  local job
  job="$(cut -d';' -f1 <"$logs/last-job")"
  for i in $(seq 0 $((count - 1))); do
    echo "--- shard $i/$count (job ${job}_$i)"
    cat "$logs/${job}_$i.out" 2>/dev/null || echo "(no output)"
  done
  # Status 1 means a step failed or was flagged inside the pipeline: the shard results still
  # exist and merge reports it. Anything else is a broken job.
  [ "$status" -le 1 ] || die "array job $job ended with status $status"
  local output
  # The pipeline's top-level `output:` (a plain scalar, relative to the submitting folder).
  output="$(sed -n 's/^output:[[:space:]]*//p' "$file" | head -n 1 | tr -d "\"'")"
  [ -n "$output" ] || die "$file has no top-level output: folder"
  local shards=()
  for i in $(seq 0 $((count - 1))); do shards+=("$output/pipeline-$i-of-$count.json"); done
  "$deltann" pipeline merge "${shards[@]}" -o "${merged:-$output}"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  run) shift; [ $# -ge 2 ] || die "usage: slurm-local.sh run FILE N [MERGED]"; run_array "$@" ;;
  *) die "usage: slurm-local.sh start | run FILE N [MERGED] | stop" ;;
esac
