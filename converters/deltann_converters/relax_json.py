"""`relax-json`: the dataflow of any Relax module's `main` as JSON (`deltann.relax-graph/1`).

One entry per binding, in order: its name, the op (`relax.nn.conv2d`, or the PrimFunc of a
`call_tir`), the arguments (a binding or parameter by name, a constant by value when it has at
most `CONSTANT_LIMIT` elements, else its shape), the op's attributes, the result's shape and
dtype, and for our TVM form the source layer from `provenance.json`. The Swift side reads it
into a ModelGraph in the `relax` dialect.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from .errors import HelperError
from .npz import atomic_path
from .tvm_forms import import_tvm, load_form

FORMAT = "deltann.relax-graph/1"
CONSTANT_LIMIT = 64


def value(item: Any) -> Any:
    """A JSON value for an attribute field or a primitive argument."""
    if item is None or isinstance(item, (bool, int, float, str)):
        return item
    if hasattr(item, "value") and isinstance(item.value, (int, float)):  # IntImm, FloatImm
        return item.value
    if isinstance(item, (list, tuple)) or type(item).__name__ in ("Array", "List"):
        return [value(x) for x in item]
    if type(item).__name__ in ("Map", "Dict"):
        return {str(k): value(v) for k, v in item.items()}
    return str(item)


def attributes(attrs: Any) -> dict[str, Any]:
    if attrs is None:
        return {}
    names = [n for n in dir(attrs) if not n.startswith("_") and n != "id_" and not callable(getattr(attrs, n))]
    return {name: value(getattr(attrs, name)) for name in names}


def type_of(ty: Any) -> dict[str, Any]:
    shape = getattr(ty, "shape", None)
    return {"shape": [value(d) for d in shape] if shape is not None else None,
            "dtype": str(getattr(ty, "dtype", ""))}


def argument(relax: Any, arg: Any) -> dict[str, Any]:
    from tvm.ir import GenericConst

    if isinstance(arg, relax.Var):
        return {"var": arg.name}
    if isinstance(arg, relax.Tuple):
        return {"tuple": [argument(relax, a) for a in arg.fields]}
    if isinstance(arg, GenericConst):  # a Relax constant (a FloatImm argument is a Constant too, not this)
        array = arg.value.numpy()
        entry: dict[str, Any] = {"const": None, "shape": list(array.shape), "dtype": array.dtype.name}
        if array.size <= CONSTANT_LIMIT:
            entry["const"] = [str(v) if array.dtype.kind == "f" and not np.isfinite(v) else v
                              for v in array.reshape(-1).tolist()]  # JSON has no inf or NaN
        return entry
    if isinstance(arg, relax.GlobalVar):
        return {"function": arg.name_hint}
    if isinstance(arg, relax.ShapeExpr):
        return {"shape_value": [value(d) for d in arg.values]}
    return {"prim": value(arg)}


def graph(form: Any, relax: Any) -> dict[str, Any]:
    main = form.module["main"]
    params = list(main.params)
    inputs = int(main.attrs["num_input"]) if main.attrs and "num_input" in main.attrs else 1
    bindings = []
    for block in main.body.blocks:
        for b in block.bindings:
            call = b.value
            op = getattr(call, "op", None)
            name = getattr(op, "name", None) if op is not None else None
            args = list(call.args) if isinstance(call, relax.Call) else [call]
            if name == "relax.call_tir":
                name, args = f"call_tir:{args[0].name_hint}", list(args[1].fields)
            source = form.bindings.get(b.var.name)
            bindings.append({"name": b.var.name, "op": name or type(call).__name__,
                             "args": [argument(relax, a) for a in args],
                             "attrs": attributes(getattr(call, "attrs", None)), **type_of(b.var.ty),
                             **({"layer": source.layer, "tensor": source.key} if source else {})})
    return {"format": FORMAT, "form": form.kind,
            "inputs": [{"name": p.name, **type_of(p.ty)} for p in params[:inputs]],
            "params": [{"name": p.name, **type_of(p.ty)} for p in params[inputs:]],
            "bindings": bindings, "output": str(getattr(main.body.body, "name", ""))}


def export(model: str | Path, out: str | Path, force: bool = False) -> Path:
    out = Path(out)
    if not force and out.exists():
        raise HelperError("usage", f"{out}: exists; pass --force to overwrite")
    tvm = import_tvm()
    document = graph(load_form(model, tvm), tvm.relax)
    temp = atomic_path(out)
    temp.write_text(json.dumps(document, indent=1) + "\n")
    os.replace(temp, out)
    return out
