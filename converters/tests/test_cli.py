"""The helper CLI end to end: fresh captures match golden/, conversions run, bad input is a
JSON error with exit status 2, and nothing partial is left behind."""

import functools
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from conftest import GOLDEN, activations, helper, last_error, need

CASES = [("keras", "keras", "model.keras", "keras"), ("torch", "torch", "model.pt2", "torch"),
         ("onnxruntime", "keras", "tf2onnx.onnx", "tf2onnx.ort")]


@pytest.mark.parametrize("framework,folder,model,golden", CASES, ids=[c[0] for c in CASES])
def test_run_captureAllMatchesGoldenAndReportsTiming(tmp_path: Path, framework: str, folder: str, model: str,
                                                     golden: str) -> None:
    need({"keras": "keras", "torch": "torch", "onnxruntime": "onnxruntime"}[framework])
    source = GOLDEN / folder / "mobilenet_mini"
    done = helper("run", "--framework", framework, "--model", source / model, "--inputs", source / "inputs.npz",
                  "--capture", "all", "--repeat", "2", "--out", tmp_path / "acts.npz")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "progress 4/4 input 3" in done.stderr
    meta = json.loads((tmp_path / "acts.json").read_text())
    expected_meta, expected = activations(source, golden)
    assert [t["key"] for t in meta["tensors"]] == [t["key"] for t in expected_meta["tensors"]]
    timing = meta["timing"]
    assert timing["samples"] == 8 and 0 < timing["min"] <= timing["median"] <= timing["p95"]
    with np.load(tmp_path / "acts.npz") as archive:
        for key, array in expected.items():
            np.testing.assert_allclose(archive[key], array, rtol=1e-5, atol=1e-6, err_msg=key)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acts.json", "acts.npz"], "scratch files left behind"


def test_run_outputOnlyCapturesTheOutput(tmp_path: Path) -> None:
    need("onnxruntime")
    source = GOLDEN / "torch" / "resnet_mini"
    done = helper("run", "--framework", "onnxruntime", "--model", source / "torch_onnx.onnx",
                  "--inputs", source / "inputs.npz", "--out", tmp_path / "out.npz", "--repeat", "0")
    assert done.returncode == 0, done.stderr[-2000:]
    meta = json.loads((tmp_path / "out.json").read_text())
    assert [t["key"] for t in meta["tensors"]] == ["output"] and meta["timing"] is None


@pytest.mark.parametrize("tool,folder,model", [("tf2onnx", "keras", "model.h5"), ("torch.onnx", "torch", "model.pt2")])
def test_convert_writesCheckedModelAndVersions(tmp_path: Path, tool: str, folder: str, model: str) -> None:
    need("onnx", "onnxruntime", "tf2onnx" if tool == "tf2onnx" else "torch")
    import onnx
    import onnxruntime

    source = GOLDEN / folder / "densenet_mini"
    done = helper("convert", "--with", tool, "--model", source / model, "--out", tmp_path / "peer.onnx")
    assert done.returncode == 0, done.stderr[-2000:]
    onnx.checker.check_model(str(tmp_path / "peer.onnx"), full_check=True)
    sidecar = json.loads((tmp_path / "peer.json").read_text())
    assert sidecar["tool"] == tool and sidecar["opset"] == 17 and sidecar["versions"]["onnx"] == onnx.__version__
    with np.load(source / "inputs.npz") as archive:
        x = archive["input"]
    got = onnxruntime.InferenceSession(str(tmp_path / "peer.onnx")).run(None, {"input": x})[0]
    meta, arrays = activations(source, "keras" if folder == "keras" else "torch")
    np.testing.assert_allclose(got, arrays[meta["tensors"][-1]["key"]], rtol=1e-4, atol=1e-5)


def truncated(tmp_path: Path) -> Path:
    data = (GOLDEN / "keras" / "mobilenet_mini" / "inputs.npz").read_bytes()
    path = tmp_path / "truncated.npz"
    path.write_bytes(data[: len(data) // 2])
    return path


def garbage(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(b"not a model at all")
    return path


BAD: dict[str, tuple[Callable[[Path], list[object]], str]] = {
    "truncated inputs": (lambda t: ["run", "--framework", "onnxruntime", "--model",
                                    GOLDEN / "keras/mobilenet_mini/tf2onnx.onnx", "--inputs", truncated(t),
                                    "--out", t / "a.npz"], "bad-input"),
    "missing model": (lambda t: ["run", "--framework", "keras", "--model", t / "nope.keras", "--inputs",
                                 GOLDEN / "keras/mobilenet_mini/inputs.npz", "--out", t / "a.npz"], "missing-file"),
    "corrupt onnx": (lambda t: ["run", "--framework", "onnxruntime", "--model", garbage(t, "x.onnx"), "--inputs",
                                GOLDEN / "keras/mobilenet_mini/inputs.npz", "--out", t / "a.npz"], "bad-model"),
    "corrupt pt2": (lambda t: ["run", "--framework", "torch", "--model", garbage(t, "x.pt2"), "--inputs",
                               GOLDEN / "torch/mobilenet_mini/inputs.npz", "--out", t / "a.npz"], "bad-model"),
    "wrong input shape": (lambda t: ["run", "--framework", "onnxruntime", "--model",
                                     GOLDEN / "keras/mobilenet_mini/tf2onnx.onnx", "--inputs",
                                     GOLDEN / "torch/mobilenet_mini/inputs.npz", "--out", t / "a.npz"], "framework"),
    "missing convert source": (lambda t: ["convert", "--with", "tf2onnx", "--model", t / "nope.keras",
                                          "--out", t / "a.onnx"], "missing-file"),
    "unknown framework": (lambda t: ["run", "--framework", "caffe", "--model", "m", "--inputs", "i",
                                     "--out", t / "a.npz"], "usage"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_badInput_exitsTwoWithJSONErrorAndNoOutput(tmp_path: Path, case: str) -> None:
    need("onnxruntime", "numpy")
    if "pt2" in case:
        need("torch")
    make, kind = BAD[case]
    done = helper(*make(tmp_path))
    assert done.returncode == 2, done.stderr[-2000:]
    error = last_error(done)
    assert error["error"] == kind and error["message"], error
    assert not (tmp_path / "a.npz").exists() and not (tmp_path / "a.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "scratch files left behind"


def test_run_refusesToOverwriteWithoutForce(tmp_path: Path) -> None:
    need("onnxruntime")
    source = GOLDEN / "keras" / "mobilenet_mini"
    shutil.copy(source / "inputs.npz", tmp_path / "a.npz")
    done = helper("run", "--framework", "onnxruntime", "--model", source / "tf2onnx.onnx",
                  "--inputs", source / "inputs.npz", "--out", tmp_path / "a.npz")
    assert done.returncode == 2 and last_error(done)["error"] == "usage"


def test_onnxruntime_chunkedCaptureEqualsOneRun(tmp_path: Path) -> None:
    """With a 1-byte budget every marked output is fetched by its own run; the result is the same,
    bit for bit, as one run on this machine (golden/ was recorded on another CPU, whose kernels may
    round differently, so it is the reference for names and order only)."""
    need("onnxruntime", "onnx")
    from deltann_converters.backend_onnxruntime import OnnxRuntimeBackend
    from deltann_converters.npz import ActivationWriter

    source = GOLDEN / "torch" / "inception_mini"
    x = np.load(source / "inputs.npz")["input"]

    def capture(backend: OnnxRuntimeBackend, path: Path) -> ActivationWriter:
        writer = ActivationWriter(path, len(x))
        for i in range(len(x)):
            backend.capture(x[i:i + 1], functools.partial(writer.put, i))
        writer.finish()
        return writer

    chunked_backend = OnnxRuntimeBackend(source / "torch_onnx.onnx", budget_bytes=1)
    chunked = capture(chunked_backend, tmp_path / "chunked.npz")
    whole_backend = OnnxRuntimeBackend(source / "torch_onnx.onnx")
    whole = capture(whole_backend, tmp_path / "whole.npz")
    assert len(chunked_backend.chunks) == len(chunked_backend.tensors)
    assert len(whole_backend.chunks) == 1
    meta, recorded = activations(source, "torch_onnx.ort")
    keys = [t["key"] for t in meta["tensors"]]
    assert [t["key"] for t in chunked.tensors()] == keys
    assert [t["key"] for t in whole.tensors()] == keys
    with np.load(tmp_path / "chunked.npz") as a, np.load(tmp_path / "whole.npz") as b:
        for key in keys:
            np.testing.assert_array_equal(a[key], b[key], err_msg=key)
            # Against the other CPU's recording: float32 rounding of re-associated sums only.
            np.testing.assert_allclose(a[key], recorded[key], rtol=1e-4, atol=1e-5, err_msg=key)
