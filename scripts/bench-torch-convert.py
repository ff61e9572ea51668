"""Benchmark: PyTorch → ONNX conversion of a full-size architecture, ours vs torch.onnx, one run.

    swift build -c release --product deltann
    PYTHONPATH=converters .venv/bin/python scripts/bench-torch-convert.py [--arch resnet101]

Makes the model (torch.nn definition from converters' torch_arch, seeded random weights), saves
its state dict and its torch.export archive (.pt2), then converts it, each converter in a fresh
process whose wall time and peak RSS (`wait4` ru_maxrss) are measured:
  ours          `deltann convert model.pt2 --to onnx -o ours.onnx` (release build, includes
                reading the archive, lowering, writing and libonnx's checker)
  torchscript   torch.onnx.export(module, dynamo=False, opset 17)
  dynamo        torch.onnx.export(module, dynamo=True, opset 17, external_data=False)
For the torch exporters the process also imports torch and builds the module; the time of the
export call alone is reported too, and is what the speed ratio uses. Prints a table and writes
bench.json next to the models.
"""
import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

CHILD = r"""
import json, resource, sys, time, torch
from deltann_converters.torch_arch import ARCHS
arch, mode, folder = sys.argv[1:4]
ctor, shape = ARCHS[arch]
torch.manual_seed(0)
module = ctor().eval()
x = torch.randn(1, *shape)
report = {}
if mode == "prepare":
    torch.save(module.state_dict(), f"{folder}/{arch}.state.pt")
    t = time.perf_counter()
    program = torch.export.export(module, (x,))
    report["export_s"] = time.perf_counter() - t
    t = time.perf_counter()
    torch.export.save(program, f"{folder}/{arch}.pt2")
    report["save_s"] = time.perf_counter() - t
    report["weight_bytes"] = sum(v.numel() * v.element_size() for v in module.state_dict().values())
    report["parameters"] = sum(p.numel() for p in module.parameters())
else:
    module.load_state_dict(torch.load(f"{folder}/{arch}.state.pt"))
    report["rss_before_export_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    with torch.no_grad():
        if mode == "torchscript":
            torch.onnx.export(module, (x,), f"{folder}/torchscript.onnx", dynamo=False, opset_version=17)
        else:
            torch.onnx.export(module, (x,), f"{folder}/dynamo.onnx", dynamo=True, opset_version=17,
                              external_data=False)
    report["convert_s"] = time.perf_counter() - t
print("REPORT " + json.dumps(report))
"""


def run(argv: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if p.stdout is None or p.stderr is None:
        raise RuntimeError("Popen returned no pipes")
    with ThreadPoolExecutor(2) as pool:  # drain both pipes while waiting: a full pipe would block the child
        stdout, stderr = pool.submit(p.stdout.read), pool.submit(p.stderr.read)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        out, err = stdout.result().decode(), stderr.result().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{err[-2000:]}")
    report: dict[str, Any] = {}
    for line in out.splitlines():
        if line.startswith("REPORT "):
            report = json.loads(line[len("REPORT "):])
    return {"wall_s": wall, "peak_rss_mib": usage.ru_maxrss / 1024, **report, "stdout": out.strip()[-400:]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="resnet101")
    parser.add_argument("--out", default="out/bench-torch")
    parser.add_argument("--deltann", default=".build/release/deltann")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours (fastest reported)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    py = sys.executable

    prep = run([py, "-c", CHILD, args.arch, "prepare", args.out], env)
    pt2 = f"{args.out}/{args.arch}.pt2"
    ours = []
    for _ in range(args.repeat):
        # A fresh output each time: replacing a 170 MB file would add its deletion to the run.
        if os.path.exists(f"{args.out}/ours.onnx"):
            os.remove(f"{args.out}/ours.onnx")
        ours.append(run([args.deltann, "convert", pt2, "--to", "onnx", "-o", f"{args.out}/ours.onnx"]))
    best = min(ours, key=lambda r: r["wall_s"])
    best["peak_rss_mib"] = max(r["peak_rss_mib"] for r in ours)
    ts = run([py, "-c", CHILD, args.arch, "torchscript", args.out], env)
    dyn = run([py, "-c", CHILD, args.arch, "dynamo", args.out], env)

    weights_mib = prep["weight_bytes"] / 2**20
    print(f"{args.arch}: {prep['parameters']:,} parameters, weights {weights_mib:.1f} MiB; "
          f"torch.export.export {prep['export_s']:.2f} s + torch.export.save {prep['save_s']:.2f} s to make the .pt2")
    print(f"{'converter':<12} {'convert s':>10} {'process s':>10} {'peak RSS MiB':>13} {'RSS/weights':>12} "
          f"{'ours faster':>12}")
    rows = [("ours", best["wall_s"], best["wall_s"], best["peak_rss_mib"]),
            ("torchscript", ts["convert_s"], ts["wall_s"], ts["peak_rss_mib"]),
            ("dynamo", dyn["convert_s"], dyn["wall_s"], dyn["peak_rss_mib"])]
    for name, conv, wall, rss in rows:
        speed = "" if name == "ours" else f"{conv / best['wall_s']:.1f}x"
        print(f"{name:<12} {conv:>10.2f} {wall:>10.2f} {rss:>13.1f} {rss / weights_mib:>12.2f} {speed:>12}")
    median = sorted(r["wall_s"] for r in ours)[len(ours) // 2]
    print(f"ours median of {len(ours)}: {median:.2f} s -> {ts['convert_s'] / median:.1f}x torchscript, "
          f"{dyn['convert_s'] / median:.1f}x dynamo")
    print(f"(torch exporters: RSS before the export call {ts['rss_before_export_kib'] / 1024:.0f} / "
          f"{dyn['rss_before_export_kib'] / 1024:.0f} MiB; "
          f"ours: whole process, runs {[round(r['wall_s'], 3) for r in ours]})")
    print("ours:", best["stdout"])
    with open(f"{args.out}/bench.json", "w") as f:
        json.dump({"arch": args.arch, "prepare": prep, "ours_runs": ours, "torchscript": ts, "dynamo": dyn}, f,
                  indent=1)


if __name__ == "__main__":
    main()
