"""`zoo` (the one zoo generator): BatchNormalization statistics are seeded and far from the
identity, for Keras and PyTorch, so a converter's BatchNormalization fault shows."""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import helper, need


def far_from_identity(statistics: dict[str, np.ndarray]) -> None:
    """A fresh BatchNormalization has scale 1, offset 0, mean 0, variance 1: none of them may stay."""
    for name, value in statistics.items():
        default = 1.0 if name in ("gamma", "moving_variance") else 0.0
        assert np.isfinite(value).all() and np.abs(value - default).max() > 0.1, name


def test_batchnorm_calibrationIsSeeded() -> None:
    need("torch")
    from deltann_converters import batchnorm
    from deltann_converters.mini_torch import MODELS

    def statistics(seed: int) -> list[np.ndarray]:
        model = MODELS["resnet_mini"][0]()
        # 3 blocks x (pre-activation + 2 in the bottleneck) + post
        assert batchnorm.calibrate_torch(model, np.random.default_rng(seed)) == 10
        return [v.numpy().copy() for k, v in model.state_dict().items() if "running" in k]

    first, again, other = statistics(3), statistics(3), statistics(4)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not any(np.array_equal(a, b) for a, b in zip(first, other, strict=True))


@pytest.mark.parametrize("framework", ["keras", "torch"])
def test_zoo_savesSeededBatchNormStatistics(tmp_path: Path, framework: str) -> None:
    need(framework)
    done = helper("zoo", "--arch", "mobilenetv2", "--framework", framework, "--out", tmp_path / "zoo",
                  "--seed", "7", "--no-convert")
    assert done.returncode == 0, done.stderr[-2000:]
    meta = json.loads((tmp_path / "zoo" / "zoo.json").read_text())
    assert meta["seed"] == 7 and "batchnorm" in meta and "inputs.npz" in meta["files"]
    layers: list[dict[str, np.ndarray]] = []
    if framework == "keras":
        import keras

        model: Any = keras.models.load_model(tmp_path / "zoo" / "model.keras", compile=False)
        for layer in model.layers:
            if isinstance(layer, keras.layers.BatchNormalization):
                layers.append({w.path.split("/")[-1]: keras.ops.convert_to_numpy(w) for w in layer.weights})
    else:
        import torch

        state = torch.export.load(str(tmp_path / "zoo" / "model.pt2")).state_dict
        names = {"weight": "gamma", "bias": "beta", "running_mean": "moving_mean", "running_var": "moving_variance"}
        for key in [k for k in state if k.endswith(".running_var")]:
            prefix = key[: -len("running_var")]
            layers.append({role: state[prefix + name].detach().numpy() for name, role in names.items()})
    assert len(layers) == 52, len(layers)  # MobileNetV2: 17 blocks of 3 (2 in the first) + stem + head
    for statistics in layers:
        far_from_identity(statistics)
