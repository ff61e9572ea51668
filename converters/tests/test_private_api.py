"""The framework internals the helpers rely on, each isolated in one function: these tests fail,
naming the framework version, when a Keras or torch release changes them."""

import operator

import pytest
from conftest import GOLDEN, MODELS, need


@pytest.mark.parametrize("model", MODELS)
def test_keras_functionalSteps_followTheGraph(model: str) -> None:
    """`functional_steps` (Keras' private `_nodes_by_depth`) yields every layer of the public
    `model.layers` once, each after the steps that produce its inputs, ending in the outputs."""
    need("keras")
    import keras

    from deltann_converters.backend_keras import functional_steps

    net = keras.models.load_model(GOLDEN / "keras" / model / "model.keras", compile=False)
    steps = functional_steps(net)
    layers = [layer.name for layer in net.layers if not isinstance(layer, keras.layers.InputLayer)]
    assert sorted(step.operation.name for step in steps) == sorted(layers), f"Keras {keras.__version__}"
    produced = {id(t) for t in net.inputs}
    for step in steps:
        missing = [t for t in step.inputs if id(t) not in produced]
        assert not missing, f"Keras {keras.__version__}: {step.operation.name} runs before its inputs exist"
        assert step.outputs and callable(step.fill_in), f"Keras {keras.__version__}: {step.operation.name}"
        produced.update(id(t) for t in step.outputs)
    assert all(id(t) in produced for t in net.outputs), f"Keras {keras.__version__}: outputs never produced"


def test_keras_functionalSteps_changedInternalsAreAFrameworkError() -> None:
    """Without `_nodes_by_depth` (a Keras that renamed it) the error says so, as a typed error."""
    need("keras")
    from deltann_converters.backend_keras import functional_steps
    from deltann_converters.errors import HelperError

    with pytest.raises(HelperError, match="changed the private graph API") as raised:
        functional_steps(object())
    assert raised.value.kind == "framework"


def test_torch_opName_namesATenOverloadsAndPlainCallables() -> None:
    """`op_name` (torch's private `torch._ops.OpOverload`) names every ATen node of a saved
    program `aten.<op>.<overload>`, and any other callable by its `__name__`."""
    need("torch")
    import torch

    from deltann_converters.backend_torch import op_name

    program = torch.export.load(str(GOLDEN / "torch" / "mobilenet_mini" / "model.pt2"))
    names = [op_name(node.target) for node in program.graph.nodes if node.op == "call_function"]
    assert "aten.conv2d.default" in names, f"torch {torch.__version__}: {names[:5]}"
    assert all(name.startswith("aten.") for name in names), f"torch {torch.__version__}: {names}"
    assert op_name(operator.getitem) == "getitem"


def test_helperError_anUnknownKindIsOurBugNotAUserError() -> None:
    from deltann_converters.errors import HelperError

    with pytest.raises(ValueError, match="'nonsense' is not one of"):
        HelperError("nonsense", "message")
    assert HelperError("usage", "message").kind == "usage"
