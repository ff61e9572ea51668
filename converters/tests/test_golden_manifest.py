"""golden/ is what the manifest says: file hashes, array hashes, sidecars that match their .npz."""

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import GOLDEN


def test_manifest_filesAndArrayHashesMatch(manifest: dict[str, Any]) -> None:
    assert manifest["files"], "manifest lists no files"
    for name, entry in manifest["files"].items():
        path = GOLDEN / name
        assert path.is_file(), f"{name} listed in manifest.json but missing"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], f"{name}: sha256 differs"
        if name.endswith(".npz"):
            with np.load(path) as archive:
                assert sorted(archive.files) == sorted(entry["arrays"]), f"{name}: keys differ from manifest"
                for key in archive.files:
                    array = archive[key]
                    recorded = entry["arrays"][key]
                    assert recorded["dtype"] == array.dtype.name and recorded["shape"] == list(array.shape), key
                    payload = np.ascontiguousarray(array.astype(array.dtype.newbyteorder("<"))).tobytes()
                    assert hashlib.sha256(payload).hexdigest() == recorded["sha256"], f"{name}:{key}"


def test_manifest_peerConversionsAgreeWithSource(manifest: dict[str, Any]) -> None:
    assert len(manifest["models"]) == 8
    for model, entry in manifest["models"].items():
        for candidate, diff in entry["max_abs_diff"].items():
            assert diff < 1e-5, f"{model}: {candidate} differs from the source by {diff}"


def sidecars() -> list[Path]:
    return sorted(p for p in GOLDEN.glob("*/*/*.json") if json.loads(p.read_text()).get("format") ==
                  "deltann.activations/1")


@pytest.mark.parametrize("sidecar", sidecars(), ids=lambda p: str(p.relative_to(GOLDEN)))
def test_activations_sidecarDescribesEveryArray(sidecar: Path) -> None:
    meta = json.loads(sidecar.read_text())
    with np.load(sidecar.with_suffix(".npz")) as archive:
        assert [t["key"] for t in meta["tensors"]] == [k for k in archive.files], "order or keys differ"
        for tensor in meta["tensors"]:
            array = archive[tensor["key"]]
            assert list(array.shape) == tensor["shape"] and array.dtype.name == tensor["dtype"], tensor["key"]
            assert array.shape[0] == meta["count"]
            assert tensor["layout"] in ("NHWC", "NCHW", "other") and tensor["batch"] in ("concat", "stack")
    assert meta["tensors"][-1]["key"] == meta["outputs"][-1], "the last tensor must be the model output"
    with np.load(sidecar.parent / meta["inputs"]) as archive:
        assert archive["input"].shape[0] == meta["count"]
