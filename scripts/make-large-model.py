"""Writes a ~500 MB ONNX model with external data, for measuring `deltann inspect` memory.

    .venv/bin/python scripts/make-large-model.py OUT_FOLDER [--megabytes 500]

OUT_FOLDER/model.onnx holds the graph (a chain of MatMul + Add + Relu); the weights go to
OUT_FOLDER/model.onnx.data. Not committed; deterministic (seeded).
"""
import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--megabytes", type=int, default=500)
    parser.add_argument("--width", type=int, default=2048)
    args = parser.parse_args()
    width = args.width
    layer_bytes = width * width * 4
    layers = max(1, args.megabytes * 1024 * 1024 // layer_bytes)
    rng = np.random.default_rng(0)
    nodes, inits = [], []
    previous = "x"
    for i in range(layers):
        w = rng.standard_normal((width, width), dtype=np.float32) * np.float32(1 / np.sqrt(width))
        inits.append(numpy_helper.from_array(w, name=f"layer{i}/kernel"))
        inits.append(numpy_helper.from_array(np.zeros(width, np.float32), name=f"layer{i}/bias"))
        nodes += [
            helper.make_node("MatMul", [previous, f"layer{i}/kernel"], [f"layer{i}/mm"], name=f"layer{i}/MatMul"),
            helper.make_node("Add", [f"layer{i}/mm", f"layer{i}/bias"], [f"layer{i}/add"], name=f"layer{i}/Add"),
            helper.make_node("Relu", [f"layer{i}/add"], [f"layer{i}"], name=f"layer{i}/Relu"),
        ]
        previous = f"layer{i}"
    graph = helper.make_graph(
        nodes, "large", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", width])],
        [helper.make_tensor_value_info(previous, TensorProto.FLOAT, ["batch", width])], inits)
    model = helper.make_model(graph, ir_version=8, producer_name="make-large-model",
                              opset_imports=[helper.make_opsetid("", 17)])
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "model.onnx")
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="model.onnx.data", size_threshold=1024)
    total = os.path.getsize(path) + os.path.getsize(path + ".data")
    print(f"wrote {path}: {layers} layers, {total / 1e6:.1f} MB with external data")


if __name__ == "__main__":
    main()
