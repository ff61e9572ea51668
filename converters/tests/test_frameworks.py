"""Golden activations against the frameworks themselves: the last captured tensor is the
framework's own output, every layer is captured, and peer conversions are checker-valid and
agree with their source."""

import numpy as np
import pytest
from conftest import GOLDEN, MODELS, activations, inputs, need


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("file", ["model.keras", "model.h5"])
def test_keras_captureEndsWithOutputAndCoversEveryLayer(model: str, file: str) -> None:
    need("keras", "tensorflow")
    import keras

    folder = GOLDEN / "keras" / model
    net = keras.models.load_model(folder / file, compile=False)
    meta, arrays = activations(folder, "keras")
    own = keras.ops.convert_to_numpy(net(inputs(folder), training=False))
    np.testing.assert_allclose(arrays[meta["tensors"][-1]["key"]], own, rtol=1e-5, atol=1e-6)
    layers = {layer.name for layer in net.layers if not isinstance(layer, keras.layers.InputLayer)}
    assert layers == set(arrays), f"not captured: {layers - set(arrays)}; unexpected: {set(arrays) - layers}"


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("name", ["torch", "torch.core"])
def test_torch_captureEndsWithOutputAndCoversEveryNode(model: str, name: str) -> None:
    need("torch")
    import torch

    folder = GOLDEN / "torch" / model
    program = torch.export.load(str(folder / ("model.pt2" if name == "torch" else "model.core.pt2")))
    meta, arrays = activations(folder, name)
    module = program.module()
    with torch.no_grad():  # exported with batch 1, as the helper runs it
        own = np.concatenate([module(torch.from_numpy(x[None])).numpy() for x in inputs(folder)])
    np.testing.assert_allclose(arrays[meta["tensors"][-1]["key"]], own, rtol=1e-5, atol=1e-6)
    nodes = {n.name for n in program.graph.nodes
             if n.op == "call_function" and isinstance(n.meta.get("val"), torch.Tensor)}
    assert nodes == set(arrays), f"not captured: {nodes - set(arrays)}; unexpected: {set(arrays) - nodes}"


PEERS = [("keras", m, "tf2onnx", "keras") for m in MODELS] + [("torch", m, "torch_onnx", "torch") for m in MODELS]


@pytest.mark.parametrize("framework,model,conversion,source", PEERS, ids=lambda v: str(v))
def test_peerConversion_checkerValidAndAgreesWithSource(framework: str, model: str, conversion: str,
                                                        source: str) -> None:
    need("onnx", "onnxruntime")
    import onnx
    import onnxruntime

    folder = GOLDEN / framework / model
    onnx.checker.check_model(str(folder / f"{conversion}.onnx"), full_check=True)
    session = onnxruntime.InferenceSession(str(folder / f"{conversion}.onnx"), providers=["CPUExecutionProvider"])
    own = session.run(None, {"input": inputs(folder)})[0]
    meta, arrays = activations(folder, f"{conversion}.ort")
    np.testing.assert_allclose(arrays[meta["tensors"][-1]["key"]], own, rtol=1e-5, atol=1e-6)
    graph = onnx.load(str(folder / f"{conversion}.onnx")).graph
    outputs = {name for node in graph.node for name in node.output if name}
    assert outputs == set(arrays), f"not captured: {outputs - set(arrays)}"
    source_meta, source_arrays = activations(folder, source)
    np.testing.assert_allclose(own, source_arrays[source_meta["tensors"][-1]["key"]], rtol=1e-4, atol=1e-5)
