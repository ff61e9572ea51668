"""NPZ input reading, streamed activation writing, and the content hash the manifest records.

Activations are written *streamed*: a framework produces one tensor of one input at a time;
its bytes are appended to a per-tensor .npy file on disk (the header already states the full
batch shape), and when every input is done the files are copied, one by one, into a zip
(`ZIP_STORED`, like `np.savez`). Peak memory is therefore one tensor, never layers x inputs.
"""

import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from .errors import HelperError


def read_inputs(path: str | Path, key: str = "input") -> np.ndarray:
    """Returns the float32 batch stored under `key` in the .npz (or the array of a .npy)."""
    path = Path(path)
    if not path.is_file():
        raise HelperError("missing-file", f"{path}: no such inputs file")
    try:
        if path.suffix == ".npy":
            array = np.load(path, allow_pickle=False)
        else:
            with np.load(path, allow_pickle=False) as archive:
                if key not in archive.files:
                    raise HelperError("bad-input", f"{path}: no array named '{key}' (has {archive.files})")
                array = archive[key]
    except HelperError:
        raise
    except Exception as error:  # numpy raises zipfile.BadZipFile, ValueError, EOFError, OSError...
        raise HelperError("bad-input", f"{path}: not a readable .npz/.npy ({type(error).__name__}: {error})") from error
    if array.ndim < 1 or array.shape[0] == 0:
        raise HelperError("bad-input",
                          f"{path}: '{key}' must have a leading batch axis, found shape {list(array.shape)}")
    return np.ascontiguousarray(array)


def array_digest(array: np.ndarray) -> dict[str, Any]:
    """The content hash of an array: sha256 of its little-endian C-order bytes, with dtype and shape.

    The Swift side recomputes it from the .npy payload alone, without Python.
    """
    array = np.asarray(array)
    little = array.astype(array.dtype.newbyteorder("<"), copy=False)
    return {
        "dtype": array.dtype.name,
        "shape": list(array.shape),
        "sha256": hashlib.sha256(np.ascontiguousarray(little).tobytes()).hexdigest(),
    }


def npz_digests(path: str | Path) -> dict[str, dict[str, Any]]:
    """`array_digest` of every array in a .npz (or the one array of a .npy), keyed by name."""
    if str(path).endswith(".npy"):
        return {"": array_digest(np.load(path, allow_pickle=False))}
    with np.load(path, allow_pickle=False) as archive:
        return {name: array_digest(archive[name]) for name in archive.files}


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_path(final: str | Path) -> Path:
    """A temporary sibling of `final`; rename it onto `final` when complete (no partial outputs)."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)  # mkstemp's 0600 would survive the rename
    return Path(name)


class ActivationWriter:
    """Collects `count` inputs' worth of tensors, streamed to disk; `finish` writes the .npz.

    Each stored array is `[count, *per_input_shape]`. A framework runs one input at a time with
    batch 1: a tensor whose leading axis is that batch of 1 is concatenated (`batch: "concat"`);
    any other tensor (a shape, a constant) is stacked on a new axis (`batch: "stack"`).
    """

    def __init__(self, out: str | Path, count: int) -> None:
        self.out = Path(out)
        self.count = count
        self.entries: dict[str, dict[str, Any]] = {}  # key -> dict(meta..., path, written)
        self.order: list[str] = []
        self.scratch = Path(tempfile.mkdtemp(dir=self.out.parent if self.out.parent.exists() else None,
                                              prefix=".deltann-acts-"))

    def put(self, index: int, key: str, array: np.ndarray, layer: str, op: str, layout: str) -> None:
        array = np.asarray(array)
        batched = array.ndim >= 1 and array.shape[0] == 1
        per_input = array.shape[1:] if batched else array.shape
        entry = self.entries.get(key)
        if entry is None:
            if index != 0:
                return  # a tensor that did not exist for input 0 (data-dependent graph): skip it
            dtype = array.dtype.newbyteorder("<")
            entry = {"key": key, "layer": layer, "op": op, "shape": [self.count, *per_input],
                     "dtype": dtype.name, "layout": layout, "batch": "concat" if batched else "stack",
                     "path": self.scratch / f"{len(self.order)}.npy", "written": 0, "np_dtype": dtype}
            with open(entry["path"], "wb") as file:
                np.lib.format.write_array_header_2_0(file, {
                    "descr": np.lib.format.dtype_to_descr(dtype), "fortran_order": False,
                    "shape": tuple(entry["shape"])})
            self.entries[key] = entry
            self.order.append(key)
        if list(per_input) != entry["shape"][1:] or entry["written"] != index:
            raise HelperError("bad-input", f"tensor '{key}': input {index} has shape {list(array.shape)}, "
                              f"input 0 had {entry['shape'][1:]}; inputs must share one shape")
        with open(entry["path"], "ab") as file:
            file.write(np.ascontiguousarray(array.astype(entry["np_dtype"], copy=False)).tobytes())
        entry["written"] += 1

    def tensors(self) -> list[dict[str, Any]]:
        """The sidecar's tensor list, in the order tensors were first produced."""
        keep = ("key", "layer", "op", "shape", "dtype", "layout", "batch")
        return [{k: self.entries[key][k] for k in keep} for key in self.order]

    def finish(self, on_progress: Callable[[int, int, str], object] | None = None) -> None:
        """Packs the per-tensor files into `out` (temp file, then rename) and removes the scratch."""
        temp = atomic_path(self.out)
        try:
            with zipfile.ZipFile(temp, "w", zipfile.ZIP_STORED) as archive:
                for n, key in enumerate(self.order):
                    entry = self.entries[key]
                    if entry["written"] != self.count:
                        raise HelperError("framework", f"tensor '{key}' was produced for {entry['written']} "
                                          f"of {self.count} inputs")
                    size = entry["path"].stat().st_size
                    with open(entry["path"], "rb") as source, \
                            archive.open(key + ".npy", "w", force_zip64=size >= (1 << 31) - 1) as member:
                        shutil.copyfileobj(source, member, 1 << 20)
                    entry["path"].unlink()
                    if on_progress:
                        on_progress(n + 1, len(self.order), key)
            os.replace(temp, self.out)
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
            temp.unlink(missing_ok=True)

    def abandon(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
