"""Benchmark: full-size architectures in TVM at opt levels 0 and 3 against onnxruntime and our
interpreter, all in one run, on the same inputs, at the same thread count.

    swift build -c release --product deltann
    PYTHONPATH=converters .venv/bin/python scripts/tvm-timings.py \
        --keras zoo/keras/mobilenetv2 --torch zoo/torch/mobilenetv2 [--keras ... --torch ...]

Each `--keras` folder is a Keras zoo model (`deltann_converters zoo --framework keras`: model.keras,
tf2onnx.onnx, inputs.npz) and the `--torch` folder in the same position the same architecture from
the torch zoo (model.pt2, torch_onnx.onnx, inputs.npz). Per architecture, three forms:
  ours        `deltann convert model.keras --to tvm` (TVM) and `--to onnx` (onnxruntime, interpreter)
  tf2onnx     tf2onnx.onnx: TVM's ONNX import, onnxruntime, interpreter
  torch.onnx  torch_onnx.onnx: TVM's ONNX import, onnxruntime, interpreter
TVM builds each form at every `--levels` level (`tvm-sweep`; a level whose build fails is that
level's finding, the others still run). Latency is per input at batch 1: median and p95 over
`--repeat` passes through the first `--inputs` inputs after one warm-up, in ms. Every engine
runs in its own process, one after the other. Prints a table with each time's ratio to
onnxruntime on the same form, and writes it as JSON (`--out`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def call(command: list[str | Path], what: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "converters")})
    if done.returncode != 0:
        print(f"  {what}: failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
    return done


def helper(*args: str | Path) -> list[str | Path]:
    return [sys.executable, "-m", "deltann_converters", *args]


def timing_of(sidecar: Path) -> dict[str, Any] | None:
    if not sidecar.is_file():
        return None
    timing: dict[str, Any] | None = json.loads(sidecar.read_text()).get("timing")
    return timing


def interpreter(deltann: str, model: Path, inputs: Path, repeat: int, work: Path) -> dict[str, Any]:
    """Our interpreter through a one-step pipeline (`run`, environment `interpreter`)."""
    out = work / f"interpreter-{model.stem}"
    spec = work / f"interpreter-{model.stem}.yaml"
    spec.write_text(json.dumps({"name": "timing", "output": str(out), "steps": [{
        "id": "run", "step": "run", "with": {"environment": "interpreter", "model": str(model),
                                             "inputs": str(inputs), "output": str(out / "run.npz"),
                                             "repeats": repeat}}]}))
    done = call([deltann, "pipeline", "run", spec, "--force"], f"interpreter on {model.name}")
    timing = timing_of(out / "run.json") if done.returncode == 0 else None
    return {"status": "ok", **timing} if timing else {"status": "failed", "message": done.stderr[-500:]}


def onnxruntime(model: Path, inputs: Path, repeat: int, threads: int, work: Path) -> dict[str, Any]:
    out = work / f"ort-{model.stem}.npz"
    done = call(helper("run", "--framework", "onnxruntime", "--model", model, "--inputs", inputs, "--capture", "output",
                       "--out", out, "--repeat", str(repeat), "--threads", str(threads), "--force"),
                f"onnxruntime on {model.name}")
    timing = timing_of(out.with_suffix(".json")) if done.returncode == 0 else None
    return {"status": "ok", **timing} if timing else {"status": "failed", "message": done.stderr[-500:]}


def tvm(model: Path, inputs: Path, levels: str, repeat: int, threads: int, work: Path) -> dict[str, dict[str, Any]]:
    out = work / f"tvm-{model.name}.json"
    done = call(helper("tvm-sweep", "--model", model, "--inputs", inputs, "--levels", levels, "--repeat", str(repeat),
                       "--threads", str(threads), "--out", out, "--force"), f"TVM on {model.name}")
    if done.returncode != 0:
        return {f"O{level}": {"status": "failed", "message": done.stderr[-500:]} for level in levels.split(",")}
    rows: dict[str, dict[str, Any]] = {}
    for entry in json.loads(out.read_text())["levels"]:
        row: dict[str, Any] = {"status": entry["status"]}
        if entry["status"] == "ok":
            row.update(entry["timing"] or {}, build_seconds=entry["build_seconds"], kernels=entry["kernels"],
                       top1=entry["top1"], max_abs_vs_first=entry["max_abs_vs_first"])
        else:
            row["message"] = entry.get("message", "")
        rows[f"O{entry['opt_level']}"] = row
    return rows


def first_inputs(source: Path, count: int, nchw: bool, out: Path) -> Path:
    with np.load(source) as archive:
        batch = archive["input"][:count]
    np.savez(out, input=np.ascontiguousarray(batch.transpose(0, 3, 1, 2) if nchw else batch))
    return out


def measure(keras: Path, torch: Path, args: argparse.Namespace, work: Path) -> dict[str, dict[str, Any]]:
    arch = keras.name
    work.mkdir(parents=True, exist_ok=True)
    nhwc = first_inputs(keras / "inputs.npz", args.inputs, False, work / "inputs-nhwc.npz")
    nchw = first_inputs(keras / "inputs.npz", args.inputs, True, work / "inputs-nchw.npz")
    torch_inputs = first_inputs(torch / "inputs.npz", args.inputs, False, work / "inputs-torch.npz")
    ours_tvm, ours_onnx = work / "deltann.tvm", work / "deltann.onnx"
    for target, out in (("tvm", ours_tvm), ("onnx", ours_onnx)):
        call([args.deltann, "convert", keras / "model.keras", "--to", target, "-o", out, "--force"],
             f"{arch}: convert --to {target}")
    forms = {"ours": (ours_tvm, ours_onnx, nchw, nchw),
             "tf2onnx": (keras / "tf2onnx.onnx", keras / "tf2onnx.onnx", nhwc, nhwc),
             "torch.onnx": (torch / "torch_onnx.onnx", torch / "torch_onnx.onnx", torch_inputs, torch_inputs)}
    table: dict[str, dict[str, Any]] = {}
    for form, (tvm_model, onnx_model, tvm_inputs, onnx_inputs) in forms.items():
        print(f"{arch} / {form}", file=sys.stderr, flush=True)
        row = {"onnxruntime": onnxruntime(onnx_model, onnx_inputs, args.repeat, args.threads, work),
               "interpreter": interpreter(args.deltann, onnx_model, onnx_inputs, args.repeat, work)}
        levels = tvm(tvm_model, tvm_inputs, args.levels, args.repeat, args.threads, work)
        row.update({f"tvm {k}": v for k, v in levels.items()})
        table[form] = row
    return table


def print_table(results: dict[str, dict[str, dict[str, Any]]]) -> None:
    header = ("architecture", "form", "engine", "median ms", "p95 ms", "/ort", "build s")
    print("{:<13} {:<11} {:<12} {:>10} {:>9} {:>6} {:>8}".format(*header))
    for arch, forms in results.items():
        for form, row in forms.items():
            ort = row.get("onnxruntime", {}).get("median")
            for engine, cell in row.items():
                if cell.get("status") != "ok" or "median" not in cell:
                    print(f"{arch:<13} {form:<11} {engine:<12} {'failed: ' + str(cell.get('message', ''))[-60:]}")
                    continue
                ratio = f"{cell['median'] / ort:.2f}" if ort else "-"
                build = f"{cell['build_seconds']:.1f}" if "build_seconds" in cell else ""
                print(f"{arch:<13} {form:<11} {engine:<12} {cell['median']:>10.2f} {cell['p95']:>9.2f} "
                      f"{ratio:>6} {build:>8}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--keras", type=Path, action="append", required=True, help="Keras zoo folder (repeatable)")
    parser.add_argument("--torch", type=Path, action="append", required=True, help="torch zoo folder, same order")
    parser.add_argument("--levels", default="0,3")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--inputs", type=int, default=4, help="first N inputs of each inputs.npz")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--deltann", default=str(ROOT / ".build" / "release" / "deltann"))
    parser.add_argument("--work", type=Path, help="folder for conversions and recordings (default: a temporary one)")
    parser.add_argument("--out", type=Path, help="write the table as JSON here")
    args = parser.parse_args()
    if len(args.keras) != len(args.torch):
        parser.error("give one --torch folder per --keras folder")
    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        results = {keras.name: measure(keras, torch, args, work / keras.name)
                   for keras, torch in zip(args.keras, args.torch, strict=True)}
    with open("/proc/loadavg") as load:
        loadavg = load.read().split()[:3]
    document = {"threads": args.threads, "repeat": args.repeat, "inputs": args.inputs, "levels": args.levels,
                "load_average_at_end": loadavg, "results": results}
    if args.out:
        args.out.write_text(json.dumps(document, indent=1) + "\n")
    print(f"threads {args.threads}; {args.inputs} inputs x {args.repeat} passes; "
          f"load average at the end {' '.join(loadavg)}")
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
