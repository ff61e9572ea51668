#!/usr/bin/env python3
"""The interpreter against onnxruntime on each model, ISA level and thread count: one table.

Runs `deltann bench` (onnxruntime timed in the same run, in a child Python) for every
combination and prints a Markdown table with the CPU model, the ISA level of each row, the
wall-time medians, interpreter/onnxruntime (the median of the ratios of alternating runs, which
a shared machine's changing load disturbs least), capture-all-to-.npz/plain and the speed-up of
each thread count over one thread. Timings on a busy machine are noise: check `uptime` first.

    python3 scripts/bench-runtime.py --deltann .build/release/deltann --python .venv/bin/python \
        --isa avx2 --isa avx512 --threads 1 --threads 2 zoo/keras/mobilenetv2/tf2onnx.onnx ...
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass

MEDIAN = re.compile(r"wall median ([0-9.]+) ms")
PAIRED = re.compile(r"([0-9.]+)x paired median")


@dataclass
class Row:
    model: str
    isa: str
    threads: int
    interpreter_ms: float
    onnxruntime_ms: float
    paired_ratio: float
    archive_ms: float
    archive_mib: int


def parse(model: str, isa: str, threads: int, text: str) -> Row:
    """The medians of one `deltann bench` report; a line that is missing is an error."""
    lines = {line.strip().split(":", 1)[0]: line for line in text.splitlines()}

    def median(label: str) -> float:
        line = next((v for k, v in lines.items() if k.startswith(label)), None)
        found = MEDIAN.search(line or "")
        if found is None:
            raise SystemExit(f"bench-runtime: no '{label}' timing for {model} in:\n{text}")
        return float(found.group(1))

    archive = next((v for k, v in lines.items() if k.startswith("capture-all to .npz")), "")
    mib = re.search(r"\((\d+) MiB\)", archive)
    paired = PAIRED.search(lines.get("interpreter/onnxruntime", ""))
    if paired is None:
        raise SystemExit(f"bench-runtime: no paired interpreter/onnxruntime ratio for {model} in:\n{text}")
    return Row(model, isa, threads, median("interpreter"), median("onnxruntime"), float(paired.group(1)),
               median("capture-all to .npz"), int(mib.group(1)) if mib else 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+")
    parser.add_argument("--deltann", default=".build/release/deltann")
    parser.add_argument("--python", default=os.environ.get("DELTANN_PYTHON", "python3"))
    parser.add_argument("--isa", action="append", help="kernel level (default: the widest)")
    parser.add_argument("--threads", action="append", type=int)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    isas: list[str] = args.isa or [""]
    thread_counts: list[int] = args.threads or [1]
    cpu = "unknown"
    rows: list[Row] = []
    for model in args.models:
        for isa in isas:
            for threads in thread_counts:
                command = [args.deltann, "bench", model, "--threads", str(threads), "--runs", str(args.runs),
                           "--python", args.python] + (["--isa", isa] if isa else [])
                done = subprocess.run(command, capture_output=True, text=True)
                if done.returncode != 0:
                    print(f"bench-runtime: {' '.join(command)} failed:\n{done.stderr}", file=sys.stderr)
                    return done.returncode
                cpu_line = done.stdout.splitlines()[0]
                cpu = cpu_line.removeprefix("CPU: ").split(";")[0]
                level = re.search(r"interpreter at (\w+)", done.stdout)
                rows.append(parse(model, level.group(1) if level else isa, threads, done.stdout))
                print(f"  {model} {rows[-1].isa} {threads} thread(s): done", file=sys.stderr)
    print(f"CPU: {cpu}; load average at the end: {os.getloadavg()[0]:.2f}\n")
    print("| model | ISA | threads | interpreter ms | onnxruntime ms | interp/ORT paired | .npz capture/plain "
          "| speed-up vs 1 thread |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        one = next((r for r in rows if (r.model, r.isa, r.threads) == (row.model, row.isa, 1)), None)
        speedup = f"{one.interpreter_ms / row.interpreter_ms:.2f}x" if one else "-"
        print(f"| {os.path.basename(os.path.dirname(row.model))}/{os.path.basename(row.model)} | {row.isa} "
              f"| {row.threads} | {row.interpreter_ms:.2f} | {row.onnxruntime_ms:.2f} "
              f"| {row.paired_ratio:.2f}x | {row.archive_ms / row.interpreter_ms:.2f}x "
              f"({row.archive_mib} MiB) | {speedup} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
