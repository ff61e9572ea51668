"""`zoo`: the four full-size architectures with seeded random weights (weights=None), saved in
the source framework's formats plus the peer conversion, and 8 seeded random inputs, for
benchmarks and extended tests. Every BatchNormalization gets seeded statistics
(`batchnorm.statistic`), so a converter's BatchNormalization fault changes the outputs. Nothing
is downloaded. The one zoo generator: scripts/keras-zoo.py calls it."""

from pathlib import Path

import numpy as np

from . import batchnorm
from .errors import HelperError, progress

KERAS = {"mobilenetv2": "MobileNetV2", "resnet101v2": "ResNet101V2", "densenet121": "DenseNet121",
         "inceptionv3": "InceptionV3"}
TORCH = {"mobilenetv2": "mobilenetv2", "resnet101v2": "resnet101", "densenet121": "densenet121",
         "inceptionv3": "inceptionv3"}  # torchvision has no ResNet101V2: its ResNet101 stands in
INPUTS = 8


def save_keras(arch: str, folder: Path, seed: int) -> tuple[list[str], list[int], str, str]:
    import keras

    keras.utils.set_random_seed(seed)
    model = getattr(keras.applications, KERAS[arch])(weights=None)
    batchnorm.calibrate_keras(model, np.random.default_rng(seed))
    model.save(folder / "model.keras")
    model.save(folder / "model.h5")
    return ["model.keras", "model.h5"], list(model.inputs[0].shape[1:]), KERAS[arch], "NHWC"


def save_torch(arch: str, folder: Path, seed: int) -> tuple[list[str], list[int], str, str]:
    import torch

    from .torch_arch import ARCHS

    torch.manual_seed(seed)
    make, shape = ARCHS[TORCH[arch]]
    model = make().eval()
    batchnorm.calibrate_torch(model, np.random.default_rng(seed))
    program = torch.export.export(model, (torch.zeros((1, *shape)),))
    torch.export.save(program, folder / "model.pt2")
    torch.export.save(program.run_decompositions(), folder / "model.core.pt2")
    return ["model.pt2", "model.core.pt2"], list(shape), f"torch_arch.{TORCH[arch]}", "NCHW"


def zoo(arch: str, framework: str, out: str | Path, seed: int = 0, convert: bool = True) -> Path:
    from .convert import convert as peer_convert
    from .run import write_json

    if arch not in KERAS:
        raise HelperError("usage", f"unknown architecture '{arch}' ({', '.join(KERAS)})")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    steps = 3 if convert else 2
    files, shape, definition, layout = (save_keras if framework == "keras" else save_torch)(arch, folder, seed)
    progress(1, steps, "saved model")
    rng = np.random.default_rng(seed)
    np.savez(folder / "inputs.npz", input=rng.uniform(-1, 1, (INPUTS, *shape)).astype(np.float32))
    files.append("inputs.npz")
    progress(2, steps, "inputs")
    if convert:
        tool, name = ("tf2onnx", "tf2onnx.onnx") if framework == "keras" else ("torch.onnx", "torch_onnx.onnx")
        peer_convert(tool, folder / files[0], folder / name, force=True)
        files += [name, name.replace(".onnx", ".json")]
        progress(3, steps, "converted")
    write_json(folder / "zoo.json", {"format": "deltann.zoo/1", "arch": arch, "framework": framework,
                                     "definition": definition, "seed": seed, "weights": "random (weights=None)",
                                     "batchnorm": "seeded statistics (deltann_converters.batchnorm)",
                                     "input_shape": shape, "layout": layout, "files": files})
    return folder
