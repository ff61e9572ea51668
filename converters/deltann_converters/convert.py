"""`convert`: the peer converters, run the way their users run them."""

import os
import sys
from pathlib import Path
from typing import Any

from . import CONVERSION_FORMAT
from .errors import HelperError
from .npz import atomic_path
from .run import sidecar_path, write_json


def keras_to_onnx(model_path: Path, out: str | Path, opset: int) -> tuple[dict[str, str], dict[str, Any]]:
    """tf2onnx.convert.from_keras with an NHWC float32 input named `input` and a free batch axis."""
    import keras
    import tensorflow as tf
    import tf2onnx

    try:
        model = keras.models.load_model(model_path, compile=False)
    except Exception as error:
        raise HelperError("bad-model", f"{model_path}: Keras cannot load it "
                          f"({type(error).__name__}: {error})") from error
    shape = (None, *model.inputs[0].shape[1:])
    spec = (tf.TensorSpec(shape, tf.float32, name="input"),)
    tf2onnx.convert.from_keras(model, input_signature=spec, opset=opset, output_path=str(out))
    return {"tf2onnx": tf2onnx.__version__, "tensorflow": tf.__version__, "keras": keras.__version__}, \
        {"name": "input", "shape": list(shape), "layout": "NHWC"}


def torch_to_onnx(model_path: Path, out: str | Path, opset: int) -> tuple[dict[str, str], dict[str, Any]]:
    """torch.onnx.export (TorchScript path, dynamo=False) of the .pt2's module, batch axis dynamic."""
    import torch

    try:
        ep = torch.export.load(str(model_path))
    except Exception as error:
        raise HelperError("bad-model", f"{model_path}: torch.export cannot load it "
                          f"({type(error).__name__}: {error})") from error
    user = [n for n in ep.graph.nodes if n.op == "placeholder"
            and n.name in ep.graph_signature.user_inputs]
    if len(user) != 1:
        raise HelperError("unsupported", f"{model_path}: {len(user)} user inputs; one is supported")
    shape = list(user[0].meta["val"].shape)
    example = torch.zeros(shape, dtype=user[0].meta["val"].dtype)
    module = ep.module()
    for submodule in module.modules():  # the program is already in eval mode, and an unlifted
        submodule.training = False       # program refuses train(False): preserve, don't switch
    with torch.no_grad():
        torch.onnx.export(module, (example,), str(out), dynamo=False, opset_version=opset,
                          training=torch.onnx.TrainingMode.PRESERVE, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
    return {"torch": torch.__version__}, {"name": "input", "shape": [None, *shape[1:]], "layout": "NCHW"}


CONVERTERS = {"tf2onnx": keras_to_onnx, "torch.onnx": torch_to_onnx}


def convert(tool: str, model: str | Path, out: str | Path, opset: int = 17, force: bool = False) -> Path:
    import onnx

    model, out = Path(model), Path(out)
    if tool not in CONVERTERS:
        raise HelperError("usage", f"unknown converter '{tool}' ({', '.join(CONVERTERS)})")
    if not model.is_file():
        raise HelperError("missing-file", f"{model}: no such model file")
    if not force and (out.exists() or sidecar_path(out).exists()):
        raise HelperError("usage", f"{out}: exists; pass --force to overwrite")
    temp = atomic_path(out.with_name(out.stem + ".onnx"))
    try:
        try:
            versions, signature = CONVERTERS[tool](model, temp, opset)
        except HelperError:
            raise
        except Exception as error:
            raise HelperError("framework", f"{model}: {tool} failed ({type(error).__name__}: {error})") from error
        versions["onnx"] = onnx.__version__
        try:
            onnx.checker.check_model(str(temp), full_check=True)
        except Exception as error:
            raise HelperError("framework", f"{model}: {tool} wrote a model onnx.checker rejects: {error}") from error
        os.replace(temp, out)
    finally:
        if temp.exists():
            temp.unlink()
    written = onnx.load(str(out), load_external_data=False)
    write_json(sidecar_path(out), {
        "format": CONVERSION_FORMAT,
        "tool": tool,
        "versions": versions,
        "source": str(model),
        "output": str(out),
        "opset": opset,
        "ir_version": written.ir_version,
        "input": signature,
        "python": sys.version.split()[0],
    })
    return out
