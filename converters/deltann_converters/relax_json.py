"""`relax-json`: the dataflow of any Relax module's `main` as JSON (`deltann.relax-graph/1`), and
the values it reads as an .npz.

One entry per binding, in order: its name, the op (`relax.nn.conv2d`; `call_tir:<function>` for
a PrimFunc a frontend emitted from TOPI, named without TVM's numeric suffix), the arguments (a
binding or parameter by name, a constant by value when it has at most `CONSTANT_LIMIT`
elements, else by its key in the .npz), the op's attributes, the result's shape and dtype, and
for our TVM form the source layer from `provenance.json`. A `TupleGetItem` names its tuple and
`index`; a `Tuple` lists its fields. The .npz (`--params`) holds every weight parameter of
`main` under its name and every larger constant under its key. The Swift side reads both into a
ModelGraph in the `relax` dialect.

TVM's ONNX frontend emits a constant Pad as a `call_tir` of TOPI's pad, whose widths live only
in the PrimFunc: they are measured by running that PrimFunc alone on a probe (`pad_widths`).
"""

from __future__ import annotations

import json
import os
import re
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
    if hasattr(item, "value") and isinstance(item.value, (int, float)):  # IntImm, FloatImm
        item = item.value
    if isinstance(item, float) and not np.isfinite(item):
        return str(item)  # JSON has no inf or NaN
    if item is None or isinstance(item, (bool, int, float, str)):
        return item
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


class Arguments:
    """Turns call arguments into JSON, keeping constants too large to inline in `large`."""

    def __init__(self, relax: Any) -> None:
        self.relax = relax
        self.large: dict[str, np.ndarray] = {}

    def __call__(self, arg: Any, key: str) -> dict[str, Any]:
        from tvm.ir import GenericConst

        relax = self.relax
        if isinstance(arg, relax.Var):
            return {"var": arg.name}
        if isinstance(arg, relax.Tuple):
            return {"tuple": [self(a, f"{key}.{i}") for i, a in enumerate(arg.fields)]}
        if isinstance(arg, GenericConst):  # a Relax constant (a FloatImm argument is a Constant too, not this)
            array = arg.value.numpy()
            entry: dict[str, Any] = {"const": None, "shape": list(array.shape), "dtype": array.dtype.name}
            if array.size <= CONSTANT_LIMIT:
                entry["const"] = [str(v) if array.dtype.kind == "f" and not np.isfinite(v) else v
                                  for v in array.reshape(-1).tolist()]  # JSON has no inf or NaN
            else:
                self.large[key] = array
                entry["key"] = key
            return entry
        if isinstance(arg, relax.GlobalVar):
            return {"function": arg.name_hint}
        if isinstance(arg, relax.ShapeExpr):
            return {"shape_value": [value(d) for d in arg.values]}
        return {"prim": value(arg)}


def pad_widths(tvm: Any, function: Any, shape: list[int], out_shape: list[int], dtype: str) -> dict[str, Any] | None:
    """The widths and value of a constant pad PrimFunc, measured: it runs on a probe of distinct
    non-zero values and must equal `np.pad` of the probe with the widths read off its output;
    `None` when it is not such a pad."""
    if len(shape) != len(out_shape) or any(o < i for i, o in zip(shape, out_shape, strict=True)):
        return None
    probe = (np.arange(int(np.prod(shape)), dtype=np.float64) + 1).reshape(shape).astype(dtype)
    try:
        kernel = tvm.compile(tvm.IRModule({"pad": function.with_attr("global_symbol", "pad")}), target="llvm")
        out = tvm.runtime.tensor(np.zeros(out_shape, dtype), tvm.cpu())
        kernel["pad"](tvm.runtime.tensor(probe, tvm.cpu()), out)
        result = out.numpy()
    except Exception:  # not a one-input, one-output kernel: not a pad
        return None
    where = np.argwhere(result == probe.reshape(-1)[0])
    if len(where) != 1:
        return None
    before = [int(i) for i in where[0]]
    after = [o - i - b for i, o, b in zip(shape, out_shape, before, strict=True)]
    if any(a < 0 for a in after):
        return None
    outside = np.ones(out_shape, dtype=bool)
    outside[tuple(slice(b, b + i) for b, i in zip(before, shape, strict=True))] = False
    fills = np.unique(result[outside])
    if len(fills) > 1:
        return None
    fill = float(fills[0]) if len(fills) else 0.0
    expected = np.pad(probe, list(zip(before, after, strict=True)), constant_values=fill)
    if not np.array_equal(result, expected):
        return None
    return {"pad_width": [w for pair in zip(before, after, strict=True) for w in pair], "pad_value": float(fill),
            "pad_mode": "constant", "measured": True}


def graph(form: Any, tvm: Any) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    relax = tvm.relax
    main = form.module["main"]
    params = list(main.params)
    inputs = int(main.attrs["num_input"]) if main.attrs and "num_input" in main.attrs else 1
    arguments = Arguments(relax)
    shapes: dict[str, list[Any] | None] = {p.name: type_of(p.ty)["shape"] for p in params}
    bindings = []
    for block in main.body.blocks:
        for b in block.bindings:
            call = b.value
            op = getattr(call, "op", None)
            name = getattr(op, "name", None) if op is not None else None
            attrs = attributes(getattr(call, "attrs", None))
            if isinstance(call, relax.TupleGetItem):
                name, args, attrs = "TupleGetItem", [call.tuple_value], {"index": int(call.index)}
            elif isinstance(call, relax.Tuple):
                name, args = "Tuple", list(call.fields)
            else:
                args = list(call.args) if isinstance(call, relax.Call) else [call]
            if name == "relax.call_tir":
                callee = args[0].name_hint
                name, args = "call_tir:" + re.sub(r"\d+$", "", callee), list(args[1].fields)
                attrs = {"callee": callee}
                if name == "call_tir:pad" and len(args) == 1 and isinstance(args[0], relax.Var):
                    measured = pad_widths(tvm, form.module[callee], shapes.get(args[0].name) or [],
                                          type_of(b.var.ty)["shape"] or [], type_of(b.var.ty)["dtype"])
                    attrs.update(measured or {})
            source = form.bindings.get(b.var.name)
            entry = {"name": b.var.name, "op": name or type(call).__name__,
                     "args": [arguments(a, f"{b.var.name}.{k}") for k, a in enumerate(args)],
                     "attrs": attrs, **type_of(b.var.ty),
                     **({"layer": source.layer, "tensor": source.key} if source else {})}
            shapes[b.var.name] = entry["shape"]
            bindings.append(entry)
    document = {"format": FORMAT, "form": form.kind,
                "inputs": [{"name": p.name, **type_of(p.ty)} for p in params[:inputs]],
                "params": [{"name": p.name, **type_of(p.ty)} for p in params[inputs:]],
                "bindings": bindings, "output": str(getattr(main.body.body, "name", ""))}
    values = {p.name: array for p, array in zip(params[inputs:], form.params, strict=True)}
    return document, {**values, **arguments.large}


def export(model: str | Path, out: str | Path, params: str | Path | None = None, force: bool = False) -> Path:
    out = Path(out)
    for path in [out] + ([Path(params)] if params else []):
        if not force and path.exists():
            raise HelperError("usage", f"{path}: exists; pass --force to overwrite")
    tvm = import_tvm()
    document, values = graph(load_form(model, tvm), tvm)
    if params:
        params = Path(params)
        temp_params = atomic_path(params)
        with open(temp_params, "wb") as file:
            np.savez(file, **values)  # type: ignore[arg-type]  # the stub types **kwds as allow_pickle
        os.replace(temp_params, params)
    temp = atomic_path(out)
    temp.write_text(json.dumps(document, indent=1) + "\n")
    os.replace(temp, out)
    return out
