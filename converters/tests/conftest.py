"""Shared fixtures: the golden folder, the helper CLI as a subprocess, loud skips."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

CONVERTERS = Path(__file__).resolve().parent.parent
GOLDEN = CONVERTERS.parent / "golden"
sys.path.insert(0, str(CONVERTERS))  # for tests that call deltann_converters in-process
MODELS = ["mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"]


def need(*modules: str) -> None:
    """Skips (with the reason shown in the summary) when a framework is not installed."""
    for module in modules:
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed: run scripts/setup-python.sh and use .venv/bin/python")


@pytest.fixture(scope="session")
def manifest() -> dict[str, Any]:
    path = GOLDEN / "manifest.json"
    if not path.is_file():
        pytest.skip(f"{path} missing: run converters/make_golden.py")
    document: dict[str, Any] = json.loads(path.read_text())
    return document


def helper(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Runs `python -m deltann_converters ARGS`; returns the CompletedProcess (text stderr)."""
    env = {**os.environ, "PYTHONPATH": str(CONVERTERS), "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run([sys.executable, "-m", "deltann_converters", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def last_error(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The JSON error the helper must end stderr with."""
    error: dict[str, Any] = json.loads(done.stderr.strip().splitlines()[-1])
    return error


def activations(folder: Path, name: str) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """(sidecar, {key: array}) of golden `folder/name.npz`."""
    meta = json.loads((folder / f"{name}.json").read_text())
    with np.load(folder / f"{name}.npz") as archive:
        return meta, {key: archive[key] for key in archive.files}


def inputs(folder: Path) -> np.ndarray:
    with np.load(folder / "inputs.npz") as archive:
        return np.asarray(archive["input"])
