"""The three forms a Relax module reaches TVM in, loaded into one `RelaxForm`.

- our TVM form: a folder with `module.py` (TVMScript), `params.npz` (one array per weight
  parameter of `main`) and `provenance.json` (binding -> source layer), written by
  `deltann convert --to tvm`;
- an `.onnx` file, imported by TVM's own ONNX frontend (`from_onnx`);
- a `.pt2` archive, imported by `from_exported_program`.

Weights stay function parameters in every form (`keep_params_in_input`), so the build never
folds them into constants and the same parameters feed every optimisation level.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .errors import HelperError

PROVENANCE_FORMAT = "deltann.tvm-provenance/1"


def import_tvm(threads: int = 0) -> Any:
    """`import tvm`, or the typed error that says TVM is not installed. `threads` > 0 caps TVM's
    thread pool (read once, when the runtime starts)."""
    if threads:
        os.environ["TVM_NUM_THREADS"] = str(threads)
    try:
        import tvm
        from tvm import relax  # noqa: F401  (fails when TVM was built without Relax)
    except ImportError as error:
        raise HelperError("missing-framework", f"TVM is not installed in this Python ({error}); "
                          "run scripts/setup-python.sh and use the project's venv") from error
    return tvm


@dataclass
class Binding:
    """What a Relax binding stands for: the tensor key it is captured under and its source layer."""

    key: str
    layer: str = ""
    op: str = ""
    layout: str = "other"


@dataclass
class RelaxForm:
    """A Relax module whose `main` takes `inputs` then the weight parameters `params` (in order)."""

    module: Any
    params: list[np.ndarray]
    input_name: str
    input_shape: list[int]
    kind: str  # "tvmscript", "onnx" or "pt2"
    bindings: dict[str, Binding] = field(default_factory=dict)

    def binding(self, name: str) -> Binding:
        return self.bindings.get(name) or Binding(key=name)


def load_form(path: str | Path, tvm: Any) -> RelaxForm:
    """Loads our TVM folder, an .onnx or a .pt2 into a `RelaxForm`; typed errors for bad input."""
    path = Path(path)
    if path.is_dir():
        return load_tvmscript_folder(path, tvm)
    if not path.is_file():
        raise HelperError("missing-file", f"{path}: no such model file or TVM folder")
    if path.suffix == ".onnx":
        return load_onnx(path, tvm)
    if path.suffix == ".pt2":
        return load_pt2(path, tvm)
    raise HelperError("usage", f"{path}: TVM runs a TVM folder (module.py, params.npz, provenance.json), "
                      "an .onnx or a .pt2")


def parse_tvmscript(text: str, source: Path, tvm: Any) -> Any:
    """Parses TVMScript text into an IRModule; a parse or well-formedness error names the file."""
    try:
        return tvm.script.from_source(text)
    except Exception as error:  # DiagnosticError, TVMError, SyntaxError: all mean "does not parse"
        raise HelperError("bad-model", f"{source}: TVM cannot parse this TVMScript "
                          f"({type(error).__name__}: {str(error).strip()[:2000]})") from error


def load_tvmscript_folder(folder: Path, tvm: Any) -> RelaxForm:
    files = {name: folder / name for name in ("module.py", "params.npz", "provenance.json")}
    for name, file in files.items():
        if not file.is_file():
            raise HelperError("missing-file", f"{folder}: a TVM folder needs {name}; it is missing")
    module = parse_tvmscript(files["module.py"].read_text(), files["module.py"], tvm)
    try:
        provenance = json.loads(files["provenance.json"].read_text())
    except ValueError as error:
        raise HelperError("bad-model", f"{files['provenance.json']}: not JSON ({error})") from error
    if not isinstance(provenance, dict) or provenance.get("format") != PROVENANCE_FORMAT:
        raise HelperError("bad-model", f"{files['provenance.json']}: expected format {PROVENANCE_FORMAT}")
    main = function_main(module, files["module.py"])
    inputs = int(main.attrs["num_input"]) if main.attrs and "num_input" in main.attrs else 1
    if inputs != 1:
        raise HelperError("unsupported", f"{files['module.py']}: main takes {inputs} inputs; one is supported")
    weights = list(main.params)[inputs:]
    try:
        with np.load(files["params.npz"], allow_pickle=False) as archive:
            stored = {name: archive[name] for name in archive.files}
    except Exception as error:
        raise HelperError("bad-model", f"{files['params.npz']}: not a readable .npz "
                          f"({type(error).__name__}: {error})") from error
    params = []
    for var in weights:
        expected = [int(d) for d in var.ty.shape]
        array = stored.get(var.name)
        if array is None:
            raise HelperError("bad-model", f"{files['params.npz']}: no array for parameter '{var.name}' of main")
        if list(array.shape) != expected or array.dtype.name != var.ty.dtype:
            raise HelperError("bad-model", f"{files['params.npz']}: '{var.name}' is {array.dtype.name}"
                              f"{list(array.shape)}, main expects {var.ty.dtype}{expected}")
        params.append(array)
    first = list(main.params)[0]
    bindings = {name: Binding(key=entry.get("tensor") or name, layer=entry.get("layer", ""),
                              op=entry.get("op", ""), layout=entry.get("layout", "other"))
                for name, entry in provenance.get("bindings", {}).items()}
    return RelaxForm(module, params, first.name, [int(d) for d in first.ty.shape], "tvmscript", bindings)


def function_main(module: Any, source: Path) -> Any:
    names = [gv.name_hint for gv in module.functions.keys()]
    if "main" not in names:
        raise HelperError("bad-model", f"{source}: the module has no 'main' function (has {names})")
    return module["main"]


def load_onnx(path: Path, tvm: Any) -> RelaxForm:
    import onnx
    from tvm.relax.frontend import detach_params
    from tvm.relax.frontend.onnx import from_onnx

    try:
        proto = onnx.load(str(path))
    except Exception as error:
        raise HelperError("bad-model", f"{path}: onnx cannot load it ({type(error).__name__}: {error})") from error
    initializers = {i.name for i in proto.graph.initializer}
    inputs = [i for i in proto.graph.input if i.name not in initializers]
    if len(inputs) != 1:
        raise HelperError("unsupported", f"{path}: {len(inputs)} inputs; one is supported")
    shape = [d.dim_value if d.HasField("dim_value") else 1 for d in inputs[0].type.tensor_type.shape.dim]
    try:
        module = from_onnx(proto, shape_dict={inputs[0].name: shape}, keep_params_in_input=True)
        module, params = detach_params(module)
    except Exception as error:
        raise HelperError("unsupported", f"{path}: TVM's ONNX frontend cannot import it "
                          f"({type(error).__name__}: {str(error)[:1000]})") from error
    first = list(module["main"].params)[0]
    return RelaxForm(module, [p.numpy() for p in params.get("main", [])], first.name, shape, "onnx")


def load_pt2(path: Path, tvm: Any) -> RelaxForm:
    import torch
    from tvm.relax.frontend import detach_params
    from tvm.relax.frontend.torch import from_exported_program

    try:
        program = torch.export.load(str(path))
    except Exception as error:
        raise HelperError("bad-model", f"{path}: torch.export cannot load it "
                          f"({type(error).__name__}: {error})") from error
    try:
        module = from_exported_program(program, keep_params_as_input=True, unwrap_unit_return_tuple=True)
        module, params = detach_params(module)
    except Exception as error:
        raise HelperError("unsupported", f"{path}: TVM's PyTorch frontend cannot import it "
                          f"({type(error).__name__}: {str(error)[:1000]})") from error
    first = list(module["main"].params)[0]
    shape = [int(d) for d in first.ty.shape]
    return RelaxForm(module, [p.numpy() for p in params.get("main", [])], first.name, shape, "pt2")
