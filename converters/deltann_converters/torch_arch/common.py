"""Pieces torchvision shares between architectures."""

from typing import TypeVar

from torch import nn

M = TypeVar("M", bound=nn.Module)


def init_weights(model: M) -> M:
    """torchvision's initialisation for ResNet/MobileNetV2: Kaiming-normal (fan_out) convs, BN
    weight 1 and bias 0, Linear N(0, 0.01) with zero bias. Seed torch first for reproducibility."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.BatchNorm2d):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, 0, 0.01)
            nn.init.zeros_(module.bias)
    return model


class ConvNormActivation(nn.Sequential):
    """torchvision.ops.Conv2dNormActivation: conv (no bias), BatchNorm2d, optional activation."""

    def __init__(self, cin: int, cout: int, kernel: int = 3, stride: int = 1, groups: int = 1,
                 activation: type[nn.Module] | None = nn.ReLU6, eps: float = 1e-5) -> None:
        padding = (kernel - 1) // 2
        layers = [nn.Conv2d(cin, cout, kernel, stride, padding, groups=groups, bias=False),
                  nn.BatchNorm2d(cout, eps=eps)]
        if activation is not None:
            layers.append(activation(inplace=True))
        super().__init__(*layers)
