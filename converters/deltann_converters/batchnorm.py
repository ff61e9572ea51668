"""Seeded BatchNormalization statistics, for golden/'s miniatures and the zoo's full-size models.

A freshly built model's BatchNormalization is close to the identity (scale 1, offset 0, moving
mean 0, moving variance 1), so a converter that drops the epsilon or swaps mean and variance
still reproduces its outputs. These values make every such fault change the outputs.
"""

from typing import Any

import numpy as np

ROLES = ("gamma", "beta", "moving_mean", "moving_variance")  # Keras' names; torch: weight, bias, running_*


def statistic(role: str, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """gamma in [0.5, 1.5], beta and moving mean ~ N(0, 0.2), moving variance in [0.5, 2]."""
    if role == "gamma":
        return rng.uniform(0.5, 1.5, shape)
    if role in ("beta", "moving_mean"):
        return rng.normal(0.0, 0.2, shape)
    if role == "moving_variance":
        return rng.uniform(0.5, 2.0, shape)
    raise ValueError(f"no BatchNormalization statistic is called '{role}' ({', '.join(ROLES)})")


def calibrate_keras(model: Any, rng: np.random.Generator) -> int:
    """Sets every `keras.layers.BatchNormalization`'s weights from `statistic`; returns how many layers."""
    import keras

    layers = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    for layer in layers:
        layer.set_weights([statistic(weight.path.split("/")[-1], tuple(weight.shape), rng).astype(np.float32)
                           for weight in layer.weights])
    return len(layers)


def calibrate_torch(model: Any, rng: np.random.Generator) -> int:
    """Sets every `torch.nn.BatchNorm2d`'s weight, bias and running statistics from `statistic`."""
    import torch

    layers = [module for module in model.modules() if isinstance(module, torch.nn.BatchNorm2d)]
    for layer in layers:
        calibrate_torch_layer(layer, rng)
    return len(layers)


def calibrate_torch_layer(layer: Any, rng: np.random.Generator) -> None:
    """One `torch.nn.BatchNorm2d`: weight, bias, running mean, running variance, in that order."""
    import torch

    with torch.no_grad():
        for role, tensor in zip(ROLES, (layer.weight, layer.bias, layer.running_mean, layer.running_var),
                                strict=True):
            if tensor is not None:  # affine=False has no weight and bias
                tensor.copy_(torch.from_numpy(statistic(role, tuple(tensor.shape), rng)))
