"""`run`: one framework, one model, a batch of inputs -> streamed activations + JSON sidecar."""

import functools
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from . import ACTIVATIONS_FORMAT
from .backend import Backend
from .errors import HelperError, progress
from .npz import ActivationWriter, atomic_path, read_inputs


def load_backend(framework: str, model: str | Path, threads: int = 0, opt_level: int | None = None,
                 pipeline: str | None = None, input_layout: str | None = None) -> Backend:
    """The backend for `framework`; `threads` > 0 caps the framework's intra-op threads.
    `opt_level`, `pipeline` and `input_layout` apply to TVM only."""
    if framework != "tvm" and (opt_level is not None or pipeline is not None or input_layout is not None):
        raise HelperError("usage", f"--opt-level, --pipeline and --input-layout are TVM options; {framework} has none")
    if framework == "keras":
        from .backend_keras import KerasBackend
        return KerasBackend(model, threads=threads)
    if framework == "torch":
        from .backend_torch import TorchBackend
        return TorchBackend(model, threads=threads)
    if framework == "onnxruntime":
        from .backend_onnxruntime import OnnxRuntimeBackend
        return OnnxRuntimeBackend(model, threads=threads)
    if framework == "tvm":
        from .backend_tvm import TvmBackend
        return TvmBackend.open(model, threads=threads, opt_level=opt_level or 0, pipeline=pipeline or "zero",
                               input_layout=input_layout)
    raise HelperError("usage", f"unknown framework '{framework}' (keras, torch, onnxruntime, tvm)")


def sidecar_path(path: str | Path) -> Path:
    """`acts.npz` -> `acts.json`: the JSON that describes a file sits beside it."""
    return Path(path).with_suffix(".json")


def write_json(path: str | Path, value: Any) -> None:
    temp = atomic_path(path)
    temp.write_text(json.dumps(value, indent=1) + "\n")
    os.replace(temp, path)


def measure(predict: Callable[[np.ndarray], object], batch: np.ndarray, repeat: int) -> dict[str, Any] | None:
    """Latency of one input (batch 1), over `repeat` passes through the batch, after a warm-up."""
    if repeat <= 0:
        return None
    predict(batch[:1])
    samples: list[float] = []
    for r in range(repeat):
        for i in range(len(batch)):
            start = time.perf_counter()
            predict(batch[i:i + 1])
            samples.append((time.perf_counter() - start) * 1e3)
        progress(r + 1, repeat, "timing")
    samples.sort()
    return {"unit": "ms", "per": "input", "repeat": repeat, "samples": len(samples),
            "min": samples[0], "median": statistics.median(samples),
            "p95": samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]}


def run(framework: str, model: str | Path, inputs: str | Path, out: str | Path, capture: str = "all", repeat: int = 1,
        force: bool = False, threads: int = 0, opt_level: int | None = None, pipeline: str | None = None,
        input_layout: str | None = None) -> Path:
    out = Path(out)
    if out.suffix != ".npz":
        raise HelperError("usage", f"{out}: the activations file must end in .npz")
    if not force and (out.exists() or sidecar_path(out).exists()):
        raise HelperError("usage", f"{out}: exists; pass --force to overwrite")
    batch = read_inputs(inputs)
    backend = load_backend(framework, model, threads, opt_level, pipeline, input_layout)
    writer = ActivationWriter(out, len(batch))
    try:
        for i in range(len(batch)):
            x = batch[i:i + 1]
            try:
                backend.capture(x, functools.partial(writer.put, i), everything=capture == "all")
            except HelperError:
                raise
            except Exception as error:
                raise HelperError("framework", f"{model}: {framework} failed on input {i} "
                                  f"({type(error).__name__}: {error})") from error
            progress(i + 1, len(batch), f"input {i}")
        timing = measure(backend.predict, batch, repeat)
        writer.finish(on_progress=lambda done, total, key: progress(done, total, f"pack {key}"))
    except BaseException:
        writer.abandon()
        raise
    write_json(sidecar_path(out), {
        "format": ACTIVATIONS_FORMAT,
        "framework": framework,
        "framework_version": backend.version,
        "model": str(model),
        "inputs": str(inputs),
        "count": len(batch),
        "capture": capture,
        "outputs": backend.output_keys,
        "timing": timing,
        **({"threads": threads} if threads else {}),
        **getattr(backend, "sidecar_extra", {}),
        "tensors": writer.tensors(),
    })
    return out


def tvm_sweep(model: str, inputs: str, levels: str, pipeline: str, repeat: int, out: str, force: bool = False,
              threads: int = 0) -> dict[str, Any]:
    """Builds and times `model` in TVM at each of `levels` ("0,1,2,3"); writes the report JSON."""
    from .backend_tvm import sweep

    if not force and Path(out).exists():
        raise HelperError("usage", f"{out}: exists; pass --force to overwrite")
    try:
        chosen = [int(level) for level in levels.split(",")]
    except ValueError:
        raise HelperError("usage", f"--levels {levels}: expected comma-separated integers such as 0,1,2,3") from None
    report = sweep(model, read_inputs(inputs), chosen, pipeline, repeat, threads)
    write_json(out, report)
    return report
