"""DeltaNN's own TVM form (`deltann convert --to tvm`, the built binary: DELTANN=path, default
.build/debug/deltann) of every golden model: TVM parses our TVMScript, builds it at opt level 0
and 3, and the outputs agree with what Keras or torch recorded (top-1 identical; max |diff|
printed per level). At opt level 0 every kernel is one Relax op, captured under its ONNX tensor
name; each capture whose name is a recorded layer (Keras layer, torch FX node) matches it.

Tolerance: within 1e-4 of the recorded tensor's value range, the bound of the ONNX conversion
tests — TVM sums in another order than the framework that recorded the values on another run.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import CONVERTERS, GOLDEN, MODELS, activations, helper, inputs, need

SOURCES = [("keras", model, "model.keras") for model in MODELS] + [("torch", model, "model.pt2") for model in MODELS]


def deltann() -> str:
    path = os.environ.get("DELTANN", str(CONVERTERS.parent / ".build" / "debug" / "deltann"))
    if not os.access(path, os.X_OK):
        pytest.skip(f"{path} not built: run swift build (or set DELTANN)")
    return path


def close(actual: np.ndarray, expected: np.ndarray) -> tuple[float, float]:
    """(max |diff|, allowed): allowed is 1e-4 of the expected tensor's value range."""
    return float(np.abs(actual - expected).max()), 1e-4 * max(float(expected.max() - expected.min()), 1e-6)


@pytest.mark.parametrize("framework,model,file", SOURCES, ids=[f"{f}-{m}" for f, m, _ in SOURCES])
def test_deltannTVM_parsesBuildsAndMatchesTheFrameworkAtEveryLevel(tmp_path: Path, framework: str, model: str,
                                                                file: str) -> None:
    need("tvm")
    from deltann_converters.backend_tvm import TvmBackend
    from deltann_converters.tvm_build import build
    from deltann_converters.tvm_forms import import_tvm, load_form

    source = GOLDEN / framework / model
    form_folder = tmp_path / "model.tvm"
    done = subprocess.run([deltann(), "convert", source / file, "--to", "tvm", "-o", form_folder],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.name for p in form_folder.iterdir()) == ["module.py", "params.npz", "provenance.json"]
    tvm = import_tvm()
    form = load_form(form_folder, tvm)
    meta, recorded = activations(source, framework)
    output_key = meta["outputs"][0]
    expected = recorded[output_key]
    batch = inputs(source)
    if framework == "keras":
        batch = batch.transpose(0, 3, 1, 2)  # our ONNX dialect, hence our TVM form, is NCHW
    for level in (0, 1, 2, 3):
        backend = TvmBackend(tvm, form, build(tvm, form.module, level, "zero"))
        got = np.concatenate([backend.predict(np.ascontiguousarray(batch[i:i + 1])) for i in range(len(batch))])
        assert np.isfinite(got).all(), f"O{level}: non-finite output"
        error, allowed = close(got, expected)
        print(f"{framework}/{model} O{level}: build {backend.built.seconds:.2f} s, "
              f"{len(backend.built.kernels)} kernels, max |diff| vs {framework} = {error:.3g}")
        assert error <= allowed, f"O{level}: {error} > {allowed}"
        assert (got.argmax(-1) == expected.argmax(-1)).all(), f"O{level}: top-1 differs"
        check_capture(backend, batch[:1], recorded, framework, fused=level > 0)


def check_capture(backend: Any, x: np.ndarray, recorded: dict[str, np.ndarray], framework: str, fused: bool) -> None:
    """Every capture named like a recorded layer matches that layer's value on input 0; at O3 a
    capture is a fused group's output, and no two kernels claim the same output."""
    captured: dict[str, tuple[np.ndarray, str]] = {}
    backend.capture(x, lambda key, array, layer, op, layout: captured.setdefault(key, (array, layout)))
    assert backend.built.fused is fused
    outputs = [kernel.output for kernel in backend.built.kernels]
    assert len(outputs) == len(set(outputs)), "two kernels claim one output"
    compared = 0
    for key, (array, layout) in captured.items():
        if key not in recorded:
            continue
        expected = recorded[key][:1]
        if framework == "keras" and array.ndim == 4 and layout == "NCHW":
            array = array.transpose(0, 2, 3, 1)
        assert array.shape == expected.shape, key
        error, allowed = close(array, expected)
        assert error <= allowed, f"{key}: {error} > {allowed}"
        compared += 1
    print(f"  {'fused' if fused else 'per-op'} capture: {len(captured)} kernels, "
          f"{compared} compared with recorded layers")
    assert compared >= len(captured) // 2, f"only {compared} of {len(captured)} captures matched recorded names"


def test_deltannTVM_provenanceNamesTheSourceLayerOfEveryBinding(tmp_path: Path) -> None:
    need("tvm")
    form_folder = tmp_path / "model.tvm"
    done = subprocess.run([deltann(), "convert", GOLDEN / "keras" / "resnet_mini" / "model.keras", "--to", "tvm",
                           "-o", form_folder], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    provenance = json.loads((form_folder / "provenance.json").read_text())
    meta, _ = activations(GOLDEN / "keras" / "resnet_mini", "keras")
    layers = {t["layer"] for t in meta["tensors"]}
    bound = {b["layer"] for b in provenance["bindings"].values()}
    assert bound <= layers | {"input"}, bound - layers
    with np.load(form_folder / "params.npz") as params:
        assert sorted(params.files) == sorted(provenance["params"])
    done = helper("relax-json", "--model", form_folder, "--out", tmp_path / "graph.json")
    assert done.returncode == 0, done.stderr[-2000:]
    graph = json.loads((tmp_path / "graph.json").read_text())
    assert len(graph["bindings"]) == len(provenance["bindings"])
    assert {b["layer"] for b in graph["bindings"]} == bound  # TVM's parse keeps every binding name


def test_deltannTVM_swiftSnapshotParsesInTVM() -> None:
    """The Swift emitter's reviewed snapshot (Tests/TVMTests/Snapshots/small.py) is TVMScript TVM accepts."""
    need("tvm")
    from deltann_converters.tvm_forms import import_tvm, parse_tvmscript

    snapshot = CONVERTERS.parent / "Tests" / "TVMTests" / "Snapshots" / "small.py"
    tvm = import_tvm()
    module = parse_tvmscript(snapshot.read_text(), snapshot, tvm)
    names = [b.var.name for block in module["main"].body.blocks for b in block.bindings]
    assert names[:3] == ["pad", "block_conv__conv", "block_conv__bias"] and names[-1] == "probs"


def test_deltannLocalize_tvmBackendNamesAnInjectedFaultAtO0AndO3(tmp_path: Path) -> None:
    """`deltann localize --backend tvm`: a clean TVM form has no layer out of tolerance; with one
    weight of block_1_expand scaled by -3 in params.npz, divergence starts at block_1_expand at
    opt level 0 (per op) and 3 (fused groups)."""
    need("tvm")
    import sys

    source = GOLDEN / "keras" / "mobilenet_mini"
    form_folder = tmp_path / "model.tvm"
    done = subprocess.run([deltann(), "convert", source / "model.keras", "--to", "tvm", "-o", form_folder],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    env = {**os.environ, "DELTANN_VENV": sys.prefix}

    def localize(candidate: Path, level: int) -> str:
        run = subprocess.run([deltann(), "localize", "--reference", source / "keras.npz", "--candidate", candidate,
                              "--backend", "tvm", "--opt-level", str(level)], env=env,
                             capture_output=True, text=True, timeout=600)
        assert run.returncode in (0, 1), run.stderr[-2000:]
        return run.stdout

    assert "layers out of tolerance: 0" in localize(form_folder, 0)
    faulty = tmp_path / "faulty.tvm"
    shutil.copytree(form_folder, faulty)
    params = dict(np.load(faulty / "params.npz"))
    params["block_1_expand_W"] = -3 * params["block_1_expand_W"]
    np.savez(faulty / "params.npz", **params)
    for level in (0, 3):
        report = localize(faulty, level)
        assert "divergence starts at: block_1_expand " in report, report


@pytest.mark.parametrize("framework,model,file", SOURCES, ids=[f"{f}-{m}" for f, m, _ in SOURCES])
def test_deltannTVM_perOpCaptureAtO0AgreesWithTheInterpretersPerNodeCapture(tmp_path: Path, framework: str,
                                                                            model: str, file: str) -> None:
    """The same lowered graph, two engines: `deltann convert --to onnx` run by our interpreter with
    every tensor captured, and `--to tvm` built by TVM at opt level 0 with every kernel captured.
    Each TVM capture is keyed by the ONNX tensor its binding computes, so every key both recorded
    is compared. Tolerance: 1e-5 of the tensor's value range — both are float32 of one graph on one
    CPU; they differ only in summation order (TVM's loops vs our blocked kernels), which moves a
    value by a few ulps of the magnitudes summed, far below a real fault's effect (the ×-3 weight
    the localize test injects moves its layer by the whole range)."""
    need("tvm")
    from deltann_converters.backend_tvm import TvmBackend
    from deltann_converters.tvm_build import build
    from deltann_converters.tvm_forms import import_tvm, load_form

    source = GOLDEN / framework / model / file
    for target, out in (("tvm", tmp_path / "model.tvm"), ("onnx", tmp_path / "model.onnx")):
        done = subprocess.run([deltann(), "convert", source, "--to", target, "-o", out], capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
    x = inputs(GOLDEN / framework / model)[:1]
    if framework == "keras":
        x = x.transpose(0, 3, 1, 2)  # our ONNX and TVM forms take NCHW
    np.save(tmp_path / "x.npy", np.ascontiguousarray(x))
    done = subprocess.run([deltann(), "run", tmp_path / "model.onnx", "--input", tmp_path / "x.npy", "--capture", "all",
                           "--out", tmp_path / "interpreter.npz"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    with np.load(tmp_path / "interpreter.npz") as archive:
        interpreter = {key: archive[key] for key in archive.files}
    tvm = import_tvm()
    form = load_form(tmp_path / "model.tvm", tvm)
    backend = TvmBackend(tvm, form, build(tvm, form.module, 0, "zero"))
    captured: dict[str, np.ndarray] = {}
    def keep(key: str, array: np.ndarray, layer: str, op: str, layout: str) -> None:
        captured.setdefault(key, array)

    backend.capture(np.ascontiguousarray(x), keep)
    common = sorted(set(captured) & set(interpreter))
    worst = 0.0
    for key in common:
        expected = interpreter[key].reshape(captured[key].shape)
        assert np.isfinite(captured[key]).all(), key
        error = float(np.abs(captured[key] - expected).max())
        allowed = 1e-5 * max(float(expected.max() - expected.min()), 1e-6)
        assert error <= allowed, f"{key}: TVM O0 differs from the interpreter by {error} > {allowed}"
        worst = max(worst, error / allowed)
    print(f"{framework}/{model}: {len(common)} of {len(captured)} TVM kernels compared with the interpreter "
          f"({len(set(captured) - set(common))} inside one ONNX node); "
          f"worst error {worst:.3f} of the allowed")
    # A binding without an ONNX tensor is a step inside one node (a conv before its bias add); every
    # other capture must have its twin.
    provenance = json.loads((tmp_path / "model.tvm" / "provenance.json").read_text())
    inside = {name for name, entry in provenance["bindings"].items() if entry.get("tensor") is None}
    assert set(captured) - inside <= set(common), sorted(set(captured) - inside - set(common))
