"""Full-size keras.applications models for the Keras → ONNX measurements.

    PYTHONPATH=converters .venv/bin/python scripts/keras-zoo.py make  zoo/keras   # the package's `zoo`
    PYTHONPATH=converters .venv/bin/python scripts/keras-zoo.py check zoo/keras   # our ONNX vs Keras

`make` runs the one zoo generator (`python -m deltann_converters zoo --framework keras`) for
MobileNetV2, ResNet101V2, DenseNet121 and InceptionV3 into FOLDER/<arch>/ (model.keras, model.h5,
tf2onnx.onnx, 8 seeded inputs, seeded BatchNormalization statistics; see converters/README.md).
`check` converts each model.keras and model.h5 with `deltann convert` (DELTANN=path to the
binary), runs `onnx.checker` (full_check) and onnxruntime on the first 2 inputs, and prints the
max-abs difference to Keras' outputs and the top-1 agreement.
"""
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from deltann_converters.zoo import KERAS, zoo


def make(folder: str) -> None:
    for arch in KERAS:
        if not (Path(folder) / arch / "zoo.json").exists():
            zoo(arch, "keras", Path(folder) / arch)
            print(arch, "made", flush=True)


def check(folder: str) -> None:
    import keras
    import onnx
    import onnxruntime as ort

    deltann = os.environ.get("DELTANN", ".build/release/deltann")
    results = {}
    for arch in KERAS:
        with np.load(f"{folder}/{arch}/inputs.npz") as archive:
            x = archive["input"][:2]
        for ext in ("keras", "h5"):
            src, out = f"{folder}/{arch}/model.{ext}", f"{folder}/{arch}/ours.{ext}.onnx"
            ref = keras.ops.convert_to_numpy(keras.models.load_model(src, compile=False).predict(x, verbose=0))
            t = time.time()
            subprocess.run([deltann, "convert", src, "--to", "onnx", "-o", out, "--force"], check=True,
                           stderr=subprocess.DEVNULL)
            seconds = time.time() - t
            onnx.checker.check_model(out, full_check=True)
            session = ort.InferenceSession(out)
            got = session.run(None, {session.get_inputs()[0].name: x.transpose(0, 3, 1, 2)})[0]
            diff = float(np.abs(got - ref).max())
            top1 = bool((got.argmax(-1) == ref.argmax(-1)).all())
            results[f"{arch}.{ext}"] = {"max_abs_diff": diff, "output_range": float(ref.max() - ref.min()),
                                        "top1_same": top1, "convert_seconds": round(seconds, 2), "checker": "valid"}
            print(f"{arch}.{ext}: max |diff| {diff:.3g} (output range {ref.max() - ref.min():.3g}), "
                  f"top-1 same: {top1}, convert {seconds:.2f} s, onnx.checker full_check: valid", flush=True)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    commands: dict[str, Callable[[str], None]] = {"make": make, "check": check}
    commands[sys.argv[1]](sys.argv[2])
