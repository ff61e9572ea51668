"""Regenerates golden/: miniature Keras and PyTorch models, their inputs, the activations the
real frameworks compute, the peer conversions, onnxruntime's activations on them, and
golden/manifest.json. Deterministic: every weight and random input comes from SEED.

    PYTHONPATH=converters .venv/bin/python converters/make_golden.py [--out golden]

Models and inputs are made in this process; everything derived from them is made by the
helper CLI (`python -m deltann_converters ...`), and the manifest records each such command.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from deltann_converters.npz import file_sha256, npz_digests  # noqa: E402

SEED = 20260401
PHOTOS = {  # skimage.data, shipped inside the scikit-image wheel
    "astronaut": "Eileen Collins, NASA Great Images database; public domain (skimage.data.astronaut)",
    "chelsea": "Chelsea the cat, Stefan van der Walt; CC0 (skimage.data.chelsea)",
}
RANDOM_INPUTS = 2
CLI = [sys.executable, "-m", "deltann_converters"]


def images(height: int, width: int, rng: np.random.Generator) -> np.ndarray:
    """[N, H, W, 3] float32 in [-1, 1]: the photographs resized, then seeded uniform noise."""
    import skimage.data
    import skimage.transform

    resize = skimage.transform.resize  # skimage ships py.typed but leaves resize unannotated
    photos = [resize(getattr(skimage.data, name)(), (height, width), order=1,  # type: ignore[no-untyped-call]
                     anti_aliasing=True, preserve_range=True) / 127.5 - 1.0 for name in PHOTOS]
    noise = [rng.uniform(-1.0, 1.0, (height, width, 3)) for _ in range(RANDOM_INPUTS)]
    return np.stack(photos + noise).astype(np.float32)


def save_photos(folder: Path) -> dict[Path, str]:
    """The photographs at full size as PNG (lossless: every decoder reads the same pixels), for
    studies of the full-size architectures (pipelines/study.yaml)."""
    import skimage.data
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for name in PHOTOS:
        path = folder / f"{name}.png"
        Image.fromarray(getattr(skimage.data, name)()).save(path, optimize=True)
        made[path] = f"skimage.data.{name}() saved as PNG"
    return made


def cli(folder: Path, *args: str) -> str:
    """Runs the helper CLI in `folder` (so paths in sidecars are relative) and returns the command."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent), "TF_CPP_MIN_LOG_LEVEL": "3",
           "PYTHONHASHSEED": "0"}  # tf2onnx's node names depend on set order
    command = [*CLI, *args]
    done = subprocess.run(command, cwd=folder, env=env, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"make_golden: {' '.join(args)} failed in {folder}:\n{done.stderr[-3000:]}")
    return "python -m deltann_converters " + " ".join(args)


def max_abs_output_diff(folder: Path, reference: str, candidate: str) -> float:
    def output(name: str) -> np.ndarray:
        meta = json.loads((folder / (name + ".json")).read_text())
        with np.load(folder / (name + ".npz")) as archive:
            return np.asarray(archive[meta["tensors"][-1]["key"]])
    return float(np.max(np.abs(output(reference) - output(candidate))))


def make_keras(root: Path, name: str, rng: np.random.Generator, made: dict[Path, str]) -> dict[str, Any]:
    import keras

    from deltann_converters import mini_keras

    folder = root / "keras" / name
    folder.mkdir(parents=True)
    keras.utils.set_random_seed(SEED)
    model = mini_keras.randomize(mini_keras.MODELS[name](keras.layers, keras), rng)
    model.save(folder / "model.keras")
    model.save(folder / "model.h5")
    height, width = model.inputs[0].shape[1:3]
    np.savez(folder / "inputs.npz", input=images(height, width, rng))
    for file in ("model.keras", "model.h5", "inputs.npz"):
        made[folder / file] = "python converters/make_golden.py"
    run = ["run", "--capture", "all", "--repeat", "0", "--inputs", "inputs.npz"]
    made[folder / "keras.npz"] = cli(folder, *run, "--framework", "keras", "--model", "model.keras",
                                     "--out", "keras.npz")
    made[folder / "tf2onnx.onnx"] = cli(folder, "convert", "--with", "tf2onnx", "--model", "model.keras",
                                        "--out", "tf2onnx.onnx", "--opset", "17")
    made[folder / "tf2onnx.ort.npz"] = cli(folder, *run, "--framework", "onnxruntime", "--model", "tf2onnx.onnx",
                                           "--out", "tf2onnx.ort.npz")
    return {"framework": "keras", "folder": str(folder.relative_to(root)), "input_shape": list(model.inputs[0].shape),
            "layout": "NHWC", "parameters": int(model.count_params()),
            "max_abs_diff": {"tf2onnx.ort": max_abs_output_diff(folder, "keras", "tf2onnx.ort")}}


def make_torch(root: Path, name: str, rng: np.random.Generator, made: dict[Path, str]) -> dict[str, Any]:
    import torch

    from deltann_converters import mini_torch

    folder = root / "torch" / name
    folder.mkdir(parents=True)
    torch.manual_seed(SEED)
    cls, shape = mini_torch.MODELS[name]
    model = mini_torch.randomize(cls(), rng)
    program = torch.export.export(model, (torch.zeros(shape),))
    torch.export.save(program, folder / "model.pt2")
    torch.export.save(program.run_decompositions(), folder / "model.core.pt2")
    np.savez(folder / "inputs.npz", input=np.ascontiguousarray(images(*shape[2:], rng).transpose(0, 3, 1, 2)))
    for file in ("model.pt2", "model.core.pt2", "inputs.npz"):
        made[folder / file] = "python converters/make_golden.py"
    run = ["run", "--capture", "all", "--repeat", "0", "--inputs", "inputs.npz"]
    made[folder / "torch.npz"] = cli(folder, *run, "--framework", "torch", "--model", "model.pt2", "--out", "torch.npz")
    made[folder / "torch.core.npz"] = cli(folder, *run, "--framework", "torch", "--model", "model.core.pt2",
                                          "--out", "torch.core.npz")
    made[folder / "torch_onnx.onnx"] = cli(folder, "convert", "--with", "torch.onnx", "--model", "model.pt2",
                                           "--out", "torch_onnx.onnx", "--opset", "17")
    made[folder / "torch_onnx.ort.npz"] = cli(folder, *run, "--framework", "onnxruntime", "--model", "torch_onnx.onnx",
                                              "--out", "torch_onnx.ort.npz")
    return {"framework": "torch", "folder": str(folder.relative_to(root)), "input_shape": list(shape), "layout": "NCHW",
            "parameters": sum(p.numel() for p in model.parameters()),
            "max_abs_diff": {"torch.core": max_abs_output_diff(folder, "torch", "torch.core"),
                             "torch_onnx.ort": max_abs_output_diff(folder, "torch", "torch_onnx.ort")}}


def versions() -> dict[str, str]:
    import importlib.metadata as metadata
    names = ["tensorflow-cpu", "keras", "h5py", "tf2onnx", "onnx", "onnxruntime", "torch", "numpy", "scikit-image"]
    return {"python": platform.python_version(), **{n: metadata.version(n) for n in names}}


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":  # set iteration order feeds into saved graphs
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "golden"))
    root = Path(parser.parse_args().out).resolve()
    for sub in ("keras", "torch"):
        shutil.rmtree(root / sub, ignore_errors=True)
    rng = np.random.default_rng(SEED)
    made: dict[Path, str] = save_photos(root / "photos")
    models: dict[str, dict[str, Any]] = {}
    for name in ("mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"):
        models[f"keras/{name}"] = make_keras(root, name, rng, made)
        print(f"make_golden: keras/{name}", models[f"keras/{name}"]["max_abs_diff"], flush=True)
    for name in ("mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"):
        models[f"torch/{name}"] = make_torch(root, name, rng, made)
        print(f"make_golden: torch/{name}", models[f"torch/{name}"]["max_abs_diff"], flush=True)
    for path in [p for p in made if p.suffix in (".npz", ".onnx")]:  # sidecars come with their file
        if path.name != "inputs.npz":
            made[path.with_suffix(".json")] = made[path]
    files = {}
    for path in sorted(made):
        entry: dict[str, Any] = {"sha256": file_sha256(path), "bytes": path.stat().st_size, "command": made[path]}
        if path.suffix in (".npz", ".npy"):
            entry["arrays"] = npz_digests(path)
        files[str(path.relative_to(root))] = entry
    manifest = {
        "format": "deltann.golden/1",
        "seed": SEED,
        "command": "PYTHONPATH=converters .venv/bin/python converters/make_golden.py",
        "versions": versions(),
        "array_hash": "sha256 of the array's little-endian C-order bytes (the .npy payload after its header)",
        "photographs": PHOTOS,
        "inputs": f"{len(PHOTOS)} photographs then {RANDOM_INPUTS} uniform [-1, 1] noise images; float32 in [-1, 1]",
        "models": models,
        "files": files,
    }
    (root / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=False) + "\n")
    total = sum(entry["bytes"] for entry in files.values())
    print(f"make_golden: {len(files)} files, {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
