"""Conversion benchmark, ours vs tf2onnx, in the same run (not a timed test).

    .venv/bin/python scripts/bench-keras-convert.py zoo/keras/resnet101v2/model.keras [--deltann .build/release/deltann]

Each converter runs as a child process; wall time and peak RSS (the child's ru_maxrss) are
measured from here. deltann: the whole `deltann convert` process (read, lower, write, libonnx
checker). tf2onnx: `tf2onnx.convert.from_keras(model, opset=17, output_path=...)` on the model
loaded with keras.models.load_model; its time is reported both for the whole child and for
load + convert + write alone (Python and TensorFlow start-up excluded, the favourable reading).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TF2ONNX_CHILD = r"""
import json, sys, time
t0 = time.time()
import numpy as np, tensorflow as tf, keras, tf2onnx
t1 = time.time()
model = keras.models.load_model(sys.argv[1], compile=False)
spec = (tf.TensorSpec((None,) + tuple(model.input_shape[1:]), tf.float32, name="input"),)
tf2onnx.convert.from_keras(model, input_signature=spec, opset=17, output_path=sys.argv[2])
t2 = time.time()
print(json.dumps({"import_seconds": t1 - t0, "convert_seconds": t2 - t1}))
"""


def run(cmd: list[str]) -> tuple[float, float, str]:
    start = time.time()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if child.stdout is None:
        raise RuntimeError("Popen returned no pipe")
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{cmd[0]} failed with status {child.returncode}")
    return time.time() - start, usage.ru_maxrss / 1024, out  # seconds, MiB, stdout


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("--deltann", default=".build/release/deltann")
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    folder = tempfile.mkdtemp()
    ours = [run([a.deltann, "convert", a.model, "--to", "onnx", "-o", f"{folder}/ours.onnx", "--force"])
            for _ in range(a.repeat)]
    ours_s = statistics.median(r[0] for r in ours)
    ours_rss = max(r[1] for r in ours)
    peer_s, peer_rss, out = run([sys.executable, "-c", TF2ONNX_CHILD, a.model, f"{folder}/tf2onnx.onnx"])
    inner = json.loads(out.strip().splitlines()[-1])
    import onnx
    weights = sum(onnx.numpy_helper.to_array(t).nbytes for t in onnx.load(f"{folder}/ours.onnx").graph.initializer)
    result = {
        "model": a.model, "weights_MiB": round(weights / 2**20, 1),
        "deltann": {"seconds_median": round(ours_s, 3), "runs": [round(r[0], 3) for r in ours],
                    "peak_rss_MiB": round(ours_rss, 1)},
        "tf2onnx": {"seconds_process": round(peer_s, 2),
                    "seconds_load_convert_write": round(inner["convert_seconds"], 2),
                    "peak_rss_MiB": round(peer_rss, 1)},
    }
    result["speedup_vs_tf2onnx_process"] = round(peer_s / ours_s, 1)
    result["speedup_vs_tf2onnx_load_convert_write"] = round(inner["convert_seconds"] / ours_s, 1)
    result["deltann_peak_rss_over_weights"] = round(ours_rss * 2**20 / weights, 2)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
