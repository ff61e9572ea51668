"""DeltaNN's own Keras → ONNX conversions checked by onnxruntime: every golden Keras model, from
.keras and .h5, converted by the built `deltann` (DELTANN=path, default .build/debug/deltann),
passes onnx.checker (full_check) and, run by onnxruntime, matches the activation Keras recorded
for every layer (max |diff| ≤ 1e-4 × the layer's value range) with the same top-1."""

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import CONVERTERS, GOLDEN, MODELS, activations, inputs, need


def deltann() -> str:
    path = os.environ.get("DELTANN", str(CONVERTERS.parent / ".build" / "debug" / "deltann"))
    if not os.access(path, os.X_OK):
        pytest.skip(f"{path} not built: run swift build (or set DELTANN)")
    return path


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("file", ["model.keras", "model.h5"])
def test_deltannKerasONNX_everyLayerMatchesKerasInOnnxruntime(tmp_path: Path, model: str, file: str) -> None:
    need("onnx", "onnxruntime")
    import onnx
    import onnxruntime as ort

    source = GOLDEN / "keras" / model
    out = tmp_path / "model.onnx"
    done = subprocess.run([deltann(), "convert", source / file, "--to", "onnx", "-o", out],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    proto = onnx.load(out)
    onnx.checker.check_model(proto, full_check=True)
    channels_first = {v.name for v in proto.graph.value_info if v.doc_string.startswith("layout: channels-first")}
    meta, recorded = activations(source, "keras")
    keys = [t["key"] for t in meta["tensors"]]
    outputs = {o.name for o in proto.graph.output}
    for key in keys:
        if key not in outputs:
            proto.graph.output.append(onnx.helper.make_tensor_value_info(key, onnx.TensorProto.FLOAT, None))
    session = ort.InferenceSession(proto.SerializeToString())
    x = inputs(source)
    got = dict(zip([o.name for o in session.get_outputs()],
                   session.run(None, {session.get_inputs()[0].name: x.transpose(0, 3, 1, 2)}), strict=True))
    for key in keys:
        actual = np.moveaxis(got[key], 1, -1) if key in channels_first else got[key]
        expected = recorded[key]
        assert actual.shape == expected.shape, key
        value_range = max(float(expected.max() - expected.min()), 1e-6)
        assert np.abs(actual - expected).max() <= 1e-4 * value_range, key
    output = meta["outputs"][0]
    assert (got[output].argmax(-1) == recorded[output].argmax(-1)).all()
