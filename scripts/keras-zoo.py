"""Full-size keras.applications models for the Keras → ONNX measurements.

    .venv/bin/python scripts/keras-zoo.py make  zoo/keras      # .keras + .h5 + inputs/outputs
    .venv/bin/python scripts/keras-zoo.py check zoo/keras      # our ONNX vs Keras (onnxruntime)

`make` saves MobileNetV2, ResNet101V2, DenseNet121, InceptionV3 (weights=None, seeded random
weights, BatchNormalization statistics randomised so a wrong epsilon or mean/variance shows),
plus 2 seeded inputs and Keras' outputs on them. `check` converts each with `deltann convert`
(DELTANN=path to the binary), runs libonnx-independent `onnx.checker` (full_check) and
onnxruntime, and prints the max-abs difference to Keras' outputs and the top-1 agreement.
"""
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

ARCHS = {
    "mobilenetv2": ("MobileNetV2", 224),
    "resnet101v2": ("ResNet101V2", 224),
    "densenet121": ("DenseNet121", 224),
    "inceptionv3": ("InceptionV3", 299),
}


def make(folder: str) -> None:
    import keras
    os.makedirs(folder, exist_ok=True)
    for name, (cls, size) in ARCHS.items():
        if os.path.exists(f"{folder}/{name}.keras"):
            continue
        keras.utils.set_random_seed(0)
        model = getattr(keras.applications, cls)(weights=None, input_shape=(size, size, 3))
        rng = np.random.default_rng(0)
        for layer in model.layers:
            if isinstance(layer, keras.layers.BatchNormalization):
                ws = layer.get_weights()
                n = ws[0].shape
                new = []
                for var in [v.path.split("/")[-1] for v in layer.weights]:
                    if var == "gamma":
                        new.append(rng.uniform(0.5, 1.5, n))
                    elif var in ("beta", "moving_mean"):
                        new.append(rng.normal(0, 0.2, n))
                    else:
                        new.append(rng.uniform(0.5, 2.0, n))
                layer.set_weights([w.astype(np.float32) for w in new])
        model.save(f"{folder}/{name}.keras")
        model.save(f"{folder}/{name}.h5")
        x = rng.uniform(-1, 1, (2, size, size, 3)).astype(np.float32)
        np.save(f"{folder}/{name}.input.npy", x)
        np.save(f"{folder}/{name}.keras_out.npy", model.predict(x, verbose=0))
        print(name, model.count_params(), "parameters", flush=True)


def check(folder: str) -> None:
    import onnx
    import onnxruntime as ort
    deltann = os.environ.get("DELTANN", ".build/release/deltann")
    results = {}
    for name in ARCHS:
        for ext in ("keras", "h5"):
            src, out = f"{folder}/{name}.{ext}", f"{folder}/{name}.{ext}.onnx"
            t = time.time()
            subprocess.run([deltann, "convert", src, "--to", "onnx", "-o", out, "--force"], check=True,
                           stderr=subprocess.DEVNULL)
            seconds = time.time() - t
            onnx.checker.check_model(out, full_check=True)
            x = np.load(f"{folder}/{name}.input.npy")
            ref = np.load(f"{folder}/{name}.keras_out.npy")
            session = ort.InferenceSession(out)
            got = session.run(None, {session.get_inputs()[0].name: x.transpose(0, 3, 1, 2)})[0]
            diff = float(np.abs(got - ref).max())
            top1 = bool((got.argmax(-1) == ref.argmax(-1)).all())
            results[f"{name}.{ext}"] = {"max_abs_diff": diff, "output_range": float(ref.max() - ref.min()),
                                        "top1_same": top1, "convert_seconds": round(seconds, 2), "checker": "valid"}
            print(f"{name}.{ext}: max |diff| {diff:.3g} (output range {ref.max() - ref.min():.3g}), "
                  f"top-1 same: {top1}, convert {seconds:.2f} s, onnx.checker full_check: valid", flush=True)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    commands: dict[str, Callable[[str], None]] = {"make": make, "check": check}
    commands[sys.argv[1]](sys.argv[2])
