"""Our PyTorch conversions (`deltann convert model.pt2`) run by onnxruntime against the
activations torch recorded in golden/: every FX node's tensor and the top-1, both IR levels.

Needs a built `deltann` (swift build; .build/release or .build/debug) and onnx + onnxruntime;
skips loudly otherwise.
"""

import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import GOLDEN, MODELS, need

ROOT = GOLDEN.parent
LEVELS = [("model.pt2", "torch"), ("model.core.pt2", "torch.core")]


def deltann() -> Path:
    for build in ("release", "debug"):
        path = ROOT / ".build" / build / "deltann"
        if path.is_file():
            return path
    pytest.skip("no built deltann: run `swift build` first")


@pytest.mark.parametrize("level", LEVELS, ids=[f for f, _ in LEVELS])
@pytest.mark.parametrize("model", MODELS)
def test_our_onnx_matches_torch_in_onnxruntime(model: str, level: tuple[str, str], tmp_path: Path) -> None:
    need("onnx", "onnxruntime")
    import onnx
    import onnxruntime as ort

    source, activations = level
    folder = GOLDEN / "torch" / model
    out = tmp_path / "ours.onnx"
    done = subprocess.run([str(deltann()), "convert", str(folder / source), "--to", "onnx", "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    onnx.checker.check_model(str(out), full_check=True)

    recorded = np.load(folder / f"{activations}.npz")
    proto = onnx.load(str(out))
    produced = {o for n in proto.graph.node for o in n.output}
    keys = [k for k in recorded.files if k in produced]
    existing = {o.name for o in proto.graph.output}
    for key in keys:  # expose every FX tensor as an output
        if key not in existing:
            proto.graph.output.append(onnx.helper.make_empty_tensor_value_info(key))
    session = ort.InferenceSession(proto.SerializeToString())
    inputs = np.load(folder / "inputs.npz")["input"]
    final = proto.graph.output[0].name
    for i in range(inputs.shape[0]):
        values = dict(zip(keys, session.run(keys, {proto.graph.input[0].name: inputs[i:i + 1]}), strict=True))
        for key in keys:
            expected = recorded[key][i:i + 1] if recorded[key].shape[1:] == values[key].shape[1:] else recorded[key][i]
            np.testing.assert_allclose(values[key], expected.reshape(values[key].shape), rtol=1e-4, atol=1e-5,
                                       err_msg=f"{model}/{source} input {i} tensor {key}")
        assert values[final].argmax() == recorded[final][i].argmax()
    assert len(keys) > 10
