"""Miniature torch.nn versions of the four architectures' blocks, for golden/.

Each follows torchvision's definition of its architecture (module names, symmetric padding,
epsilons) with the topology of the Keras miniature of the same name (mini_keras.py), ending in
a softmax over 10 classes like the Keras ones. ResNet's block is the pre-activation (V2) one.
"""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from . import batchnorm


def conv_bn(cin: int, cout: int, kernel: int | tuple[int, int], stride: int = 1, padding: int | tuple[int, int] = 0,
            groups: int = 1, eps: float = 1e-5, activation: nn.Module | None = None) -> nn.Sequential:
    layers = [nn.Conv2d(cin, cout, kernel, stride, padding, groups=groups, bias=False), nn.BatchNorm2d(cout, eps=eps)]
    return nn.Sequential(*layers, *([activation] if activation else []))


class InvertedResidual(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int, expansion: int) -> None:
        super().__init__()
        hidden = cin * expansion
        self.use_res_connect = stride == 1 and cin == cout
        layers: list[nn.Module] = [conv_bn(cin, hidden, 1, activation=nn.ReLU6(inplace=True))] if expansion != 1 else []
        layers += [conv_bn(hidden, hidden, 3, stride, 1, groups=hidden, activation=nn.ReLU6(inplace=True)),
                   nn.Conv2d(hidden, cout, 1, bias=False), nn.BatchNorm2d(cout)]
        self.conv = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y: torch.Tensor = self.conv(x)
        return x + y if self.use_res_connect else y


class MobileNetMini(nn.Module):
    def __init__(self, classes: int = 10) -> None:
        super().__init__()
        self.features = nn.Sequential(
            conv_bn(3, 8, 3, 2, 1, activation=nn.ReLU6(inplace=True)),
            InvertedResidual(8, 8, 1, 1), InvertedResidual(8, 12, 2, 3), InvertedResidual(12, 12, 1, 3),
            conv_bn(12, 32, 1, activation=nn.ReLU6(inplace=True)))
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(32, classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.adaptive_avg_pool2d(self.features(x), (1, 1))
        return torch.softmax(self.classifier(torch.flatten(x, 1)), dim=1)


class PreActBottleneck(nn.Module):
    """ResNetV2 block: BN-ReLU first; shortcut is a 1x1 conv, the identity, or a 1x1/2 max pool."""

    def __init__(self, cin: int, width: int, stride: int, conv_shortcut: bool) -> None:
        super().__init__()
        self.preact = nn.Sequential(nn.BatchNorm2d(cin, eps=1.001e-5), nn.ReLU(inplace=False))
        self.shortcut = nn.Conv2d(cin, 4 * width, 1, stride) if conv_shortcut else \
            nn.MaxPool2d(1, stride) if stride > 1 else nn.Identity()
        self.conv_shortcut = conv_shortcut
        self.conv1 = conv_bn(cin, width, 1, eps=1.001e-5, activation=nn.ReLU())
        self.pad = nn.ZeroPad2d(1)
        self.conv2 = conv_bn(width, width, 3, stride, eps=1.001e-5, activation=nn.ReLU())
        self.conv3 = nn.Conv2d(width, 4 * width, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        preact = self.preact(x)
        shortcut: torch.Tensor = self.shortcut(preact if self.conv_shortcut else x)
        residual: torch.Tensor = self.conv3(self.conv2(self.pad(self.conv1(preact))))
        return shortcut + residual


class ResNetMini(nn.Module):
    def __init__(self, classes: int = 10) -> None:
        super().__init__()
        self.stem = nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 8, 7, 2), nn.ZeroPad2d(1), nn.MaxPool2d(3, 2))
        self.layer1 = nn.Sequential(PreActBottleneck(8, 4, 1, True), PreActBottleneck(16, 4, 1, False),
                                    PreActBottleneck(16, 4, 2, False))
        self.post = nn.Sequential(nn.BatchNorm2d(16, eps=1.001e-5), nn.ReLU())
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(16, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.post(self.layer1(self.stem(x))))
        return torch.softmax(self.fc(torch.flatten(x, 1)), dim=1)


class DenseLayer(nn.Module):
    def __init__(self, cin: int, growth: int) -> None:
        super().__init__()
        self.norm1, self.relu1 = nn.BatchNorm2d(cin), nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(cin, 4 * growth, 1, bias=False)
        self.norm2, self.relu2 = nn.BatchNorm2d(4 * growth), nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(4 * growth, growth, 3, padding=1, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv2(self.relu2(self.norm2(self.conv1(self.relu1(self.norm1(x))))))
        return torch.cat([x, y], 1)


class Transition(nn.Sequential):
    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.norm, self.relu = nn.BatchNorm2d(cin), nn.ReLU(inplace=True)
        self.conv = nn.Conv2d(cin, cout, 1, bias=False)
        self.pool = nn.AvgPool2d(2, 2)


class DenseNetMini(nn.Module):
    def __init__(self, classes: int = 10) -> None:
        super().__init__()
        self.features = nn.Sequential()
        self.features.add_module("conv0", nn.Conv2d(3, 8, 7, 2, 3, bias=False))
        self.features.add_module("norm0", nn.BatchNorm2d(8))
        self.features.add_module("relu0", nn.ReLU(inplace=True))
        self.features.add_module("pool0", nn.MaxPool2d(3, 2, 1))
        self.features.add_module("denseblock1", nn.Sequential(DenseLayer(8, 4), DenseLayer(12, 4)))
        self.features.add_module("transition1", Transition(16, 8))
        self.features.add_module("denseblock2", nn.Sequential(DenseLayer(8, 4), DenseLayer(12, 4)))
        self.features.add_module("norm5", nn.BatchNorm2d(16))
        self.classifier = nn.Linear(16, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.adaptive_avg_pool2d(F.relu(self.features(x), inplace=True), (1, 1))
        return torch.softmax(self.classifier(torch.flatten(x, 1)), dim=1)


def basic_conv(cin: int, cout: int, kernel: int | tuple[int, int], stride: int = 1,
               padding: int | tuple[int, int] = 0) -> nn.Sequential:
    """torchvision's BasicConv2d: conv (no bias), BN eps 0.001, ReLU."""
    return conv_bn(cin, cout, kernel, stride, padding, eps=0.001, activation=nn.ReLU(inplace=True))


class InceptionA(nn.Module):
    def __init__(self, cin: int) -> None:
        super().__init__()
        self.branch1x1 = basic_conv(cin, 4, 1)
        self.branch5x5 = nn.Sequential(basic_conv(cin, 4, 1), basic_conv(4, 4, 5, padding=2))
        self.branch3x3dbl = nn.Sequential(basic_conv(cin, 4, 1), basic_conv(4, 4, 3, padding=1),
                                          basic_conv(4, 4, 3, padding=1))
        self.branch_pool = basic_conv(cin, 4, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pool = F.avg_pool2d(x, 3, 1, 1)  # count_include_pad=True, as torchvision
        return torch.cat([self.branch1x1(x), self.branch5x5(x), self.branch3x3dbl(x), self.branch_pool(pool)], 1)


class InceptionB(nn.Module):
    def __init__(self, cin: int) -> None:
        super().__init__()
        self.branch3x3 = basic_conv(cin, 8, 3, stride=2)
        self.branch3x3dbl = nn.Sequential(basic_conv(cin, 4, 1), basic_conv(4, 4, 3, padding=1),
                                          basic_conv(4, 4, 3, stride=2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.branch3x3(x), self.branch3x3dbl(x), F.max_pool2d(x, 3, 2)], 1)


class InceptionC(nn.Module):
    def __init__(self, cin: int) -> None:
        super().__init__()
        self.branch1x1 = basic_conv(cin, 4, 1)
        self.branch7x7 = nn.Sequential(basic_conv(cin, 4, 1), basic_conv(4, 4, (1, 7), padding=(0, 3)),
                                       basic_conv(4, 4, (7, 1), padding=(3, 0)))
        self.branch7x7dbl = nn.Sequential(basic_conv(cin, 4, 1), basic_conv(4, 4, (7, 1), padding=(3, 0)),
                                          basic_conv(4, 4, (1, 7), padding=(0, 3)),
                                          basic_conv(4, 4, (7, 1), padding=(3, 0)),
                                          basic_conv(4, 4, (1, 7), padding=(0, 3)))
        self.branch_pool = basic_conv(cin, 4, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pool = F.avg_pool2d(x, 3, 1, 1)
        return torch.cat([self.branch1x1(x), self.branch7x7(x), self.branch7x7dbl(x), self.branch_pool(pool)], 1)


class InceptionMini(nn.Module):
    def __init__(self, classes: int = 10) -> None:
        super().__init__()
        self.Conv2d_1a_3x3 = basic_conv(3, 8, 3, stride=2)
        self.Conv2d_2a_3x3 = basic_conv(8, 8, 3)
        self.Conv2d_2b_3x3 = basic_conv(8, 8, 3, padding=1)
        self.maxpool1 = nn.MaxPool2d(3, 2)
        self.Mixed_5b = InceptionA(8)
        self.Mixed_6a = InceptionB(16)
        self.Mixed_6b = InceptionC(28)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(0.5)
        self.fc = nn.Linear(16, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool1(self.Conv2d_2b_3x3(self.Conv2d_2a_3x3(self.Conv2d_1a_3x3(x))))
        x = self.avgpool(self.Mixed_6b(self.Mixed_6a(self.Mixed_5b(x))))
        return torch.softmax(self.fc(self.dropout(torch.flatten(x, 1))), dim=1)


MODELS = {"mobilenet_mini": (MobileNetMini, (1, 3, 24, 24)), "resnet_mini": (ResNetMini, (1, 3, 32, 32)),
          "densenet_mini": (DenseNetMini, (1, 3, 32, 32)), "inception_mini": (InceptionMini, (1, 3, 35, 35))}


def randomize(model: nn.Module, rng: np.random.Generator) -> nn.Module:
    """The rule of mini_keras.randomize, for torch: He-normal weights, non-zero biases, and
    BatchNorm2d values from `batchnorm.statistic`."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                fan_in = module.weight[0].numel()
                module.weight.copy_(torch.from_numpy(rng.normal(0, np.sqrt(2 / fan_in), module.weight.shape)))
                if module.bias is not None:
                    module.bias.copy_(torch.from_numpy(rng.normal(0, 0.2, module.bias.shape)))
            elif isinstance(module, nn.BatchNorm2d):
                batchnorm.calibrate_torch_layer(module, rng)
    return model.eval()
