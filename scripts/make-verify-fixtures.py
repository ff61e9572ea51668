"""Regenerates Tests/VerifyTests/Fixtures: two small "layer zoo" models per framework, each
using every Keras layer class / ATen op family `deltann convert` accepts, in different
configurations (strides, padding, dilation, bias, activation arguments), and their peer
conversions made by the real converters (tf2onnx, torch.onnx).

    DELTANN_VENV=<venv> PYTHONPATH=converters <venv>/bin/python scripts/make-verify-fixtures.py

Deterministic (fixed seeds). Writes keras_zoo_{a,b}.keras + .tf2onnx.onnx and
torch_zoo_{a,b}.pt2 + .torch_onnx.onnx, torch_zoo_b.core.pt2; every file stays small (< 200 KB).
"""
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/VerifyTests/Fixtures"


def convert(tool: str, model: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "converters"), "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0"}
    subprocess.run([sys.executable, "-m", "deltann_converters", "convert", "--with", tool, "--model", model.name,
                    "--out", out.name, "--force"], cwd=OUT, env=env, check=True)
    sidecar = out.with_suffix(".json")
    if sidecar.exists():
        sidecar.unlink()


def keras_zoo(variant: str) -> Any:
    import keras
    from keras import layers as L

    a = variant == "a"
    inp = keras.Input((12, 12, 3), name="img")
    x = L.Rescaling(1 / 127.5 if a else 0.5, offset=-1.0 if a else 0.25, name="resc")(inp)
    x = L.Normalization(name="norm", mean=[0.1, 0.2, 0.3], variance=[1., 2., 3.])(x)
    x = L.ZeroPadding2D(((1, 2), (0, 1)) if a else 1, name="zpad")(x)
    x = L.Conv2D(6, 3, strides=2 if a else 1, padding="same" if a else "valid", use_bias=a,
                 activation="relu6" if a else "elu", name="conv")(x)
    x = L.BatchNormalization(name="bn", epsilon=1e-3 if a else 1e-5, scale=a)(x)
    d = L.DepthwiseConv2D(3, padding="same", depth_multiplier=1 if a else 2, strides=1,
                          activation="swish" if a else "relu", name="dw")(x)
    s = L.SeparableConv2D(6 if a else 12, 3, padding="same", dilation_rate=1 if a else 2,
                          activation="tanh" if a else None, name="sep")(x)
    x = L.Add(name="add")([d, s]) if a else L.Concatenate(name="cat")([d, s])
    x = L.ReLU(max_value=6.0, name="relu6")(x) if a else L.ReLU(negative_slope=0.1, name="lrelu_r")(x)
    x = L.LeakyReLU(negative_slope=0.2 if a else 0.05, name="lrelu")(x)
    x = L.ELU(alpha=0.7 if a else 1.3, name="elu")(x)
    x = L.PReLU(shared_axes=[1, 2] if a else None, name="prelu")(x)
    x = (L.MaxPooling2D(3, strides=2, padding="same", name="pool") if a
         else L.AveragePooling2D(2, strides=1, padding="valid", name="pool"))(x)
    x = L.Conv2D(8, (2, 3) if a else 1, dilation_rate=1, padding="valid", activation="sigmoid" if a else "hard_sigmoid",
                 name="conv2")(x)
    x = L.Activation("selu" if a else "softplus", name="act")(x)
    x = (L.GlobalAveragePooling2D(name="gap") if a else L.GlobalMaxPooling2D(name="gap"))(x)
    x = L.Dropout(0.5, name="drop")(x)
    x = L.Dense(10, activation="softmax" if a else None, name="fc")(x)
    if not a:
        x = L.Softmax(name="softmax")(x)
    model = keras.Model(inp, x, name=f"keras_zoo_{variant}")
    rng = np.random.default_rng(7 if a else 8)
    for layer in model.layers:
        ws = layer.get_weights()
        if isinstance(layer, L.BatchNormalization):
            layer.set_weights([rng.uniform(0.5, 2, w.shape) if i == len(ws) - 1 else rng.uniform(-.5, .5, w.shape)
                               for i, w in enumerate(ws)])
        elif isinstance(layer, L.PReLU):
            layer.set_weights([rng.uniform(0.05, 0.5, w.shape) for w in ws])
    return model


def torch_zoo(variant: str) -> Any:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    a = variant == "a"

    class Zoo(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv = nn.Conv2d(3, 8, 3, stride=2 if a else 1, padding=1 if a else 0, bias=a)
            self.bn = nn.BatchNorm2d(8, eps=1e-5 if a else 1e-3)
            self.dw = nn.Conv2d(8, 8, 3, padding=2 if a else 1, dilation=2 if a else 1, groups=8)
            self.pw = nn.Conv2d(8, 8, 1)
            self.fc = nn.Linear(8, 10, bias=True)
            self.head = nn.Linear(10, 6, bias=True)
            self.w1 = nn.Parameter(torch.randn(10, 6) * 0.3)
            self.drop = nn.Dropout(0.3)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            x = self.bn(self.conv(x))
            x = F.relu6(x) if a else F.hardtanh(x, -0.5, 2.0)
            y = self.dw(x)
            y = F.silu(y) if a else F.hardswish(y)
            x = x + y if a else x - y
            x = torch.clamp(x, 0.0, 4.0) if a else F.hardsigmoid(x) * 2.0
            x = self.pw(x)
            x = F.sigmoid(x) * x if a else F.relu(x) / 3.0
            x = F.pad(x, (0, 1, 0, 1)) if a else F.pad(x, (1, 1, 1, 1))
            x = (F.max_pool2d(x, 3, stride=2, padding=1) if a
                 else F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False))
            x = torch.cat([x, x * 0.5], dim=1)
            x = x.mean(dim=(2, 3)) if a else F.adaptive_avg_pool2d(x, 1).flatten(1)
            x = x.view(x.shape[0], 2, 8).mean(dim=1) if a else x.reshape(-1, 2, 8).permute(0, 2, 1).mean(dim=2)
            x = self.drop(self.fc(x))
            if a:  # the explicit matrix products
                x = torch.addmm(self.head.bias, x, self.head.weight.t()) + torch.matmul(x, self.w1)
            else:
                x = self.head(x) + torch.mm(x, self.w1)
            x = x.unsqueeze(-1).unsqueeze(-1).squeeze(-1).squeeze(-1)
            return torch.softmax(x, dim=1) if a else torch.log_softmax(x, dim=-1)

    torch.manual_seed(11 if a else 12)
    model = Zoo().eval()
    mean, var = model.bn.running_mean, model.bn.running_var
    if mean is None or var is None:
        raise RuntimeError("BatchNorm2d keeps running statistics by default")
    with torch.no_grad():
        mean.uniform_(-0.5, 0.5)
        var.uniform_(0.5, 1.5)
    return model


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    import keras
    import torch

    for variant in "ab":
        keras.utils.set_random_seed(3)
        model = keras_zoo(variant)
        path = OUT / f"keras_zoo_{variant}.keras"
        model.save(path)
        convert("tf2onnx", path, OUT / f"keras_zoo_{variant}.tf2onnx.onnx")
    for variant in "ab":
        model = torch_zoo(variant)
        x = torch.randn(1, 3, 16, 16)
        path = OUT / f"torch_zoo_{variant}.pt2"
        program = torch.export.export(model, (x,))
        torch.export.save(program, path)
        if variant == "b":  # also in the core ATen IR (after decompositions), which torch.onnx cannot export
            torch.export.save(program.run_decompositions(), OUT / "torch_zoo_b.core.pt2")
        convert("torch.onnx", path, OUT / f"torch_zoo_{variant}.torch_onnx.onnx")
    for f in sorted(OUT.iterdir()):
        print(f"{f.name}: {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
