"""Builds a Relax module for `llvm` at one optimisation level and pipeline, keeping the map from
every kernel the VM will call back to the Relax bindings it computes.

Pipelines (the relax_pipeline of `relax.build`):
- `zero`: TVM's zero pipeline (LegalizeOps, AnnotateTIROpPattern, FoldConstant, FuseOps,
  FuseTIR), then `default_build`. FuseOps takes its level from the PassContext: at opt level 0
  it fuses nothing, so every kernel is one Relax op; above, kernels are fused groups.
- `default_build`: legalization and VM lowering only; never fuses, at any level.

The zero pipeline's passes run here one by one (the same passes, in the same order) so the
groups FuseOps forms can be read before FuseTIR turns them into kernels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import HelperError

PIPELINES = ("zero", "default_build")


@dataclass
class Kernel:
    """One kernel call of `main`: the PrimFunc the VM calls and the original bindings it computes
    (one binding, or a fused group whose last member is the group's output)."""

    callee: str
    members: list[str]
    outputs: int = 1  # output buffers the kernel writes (a batch norm writes three: data, mean, var)

    @property
    def output(self) -> str:
        return self.members[-1]


@dataclass
class Build:
    executable: Any
    opt_level: int
    pipeline: str
    kernels: list[Kernel] = field(default_factory=list)
    ops: dict[str, str] = field(default_factory=dict)  # original binding -> Relax op name
    seconds: float = 0.0

    @property
    def fused(self) -> bool:
        return any(len(k.members) > 1 for k in self.kernels)


def build(tvm: Any, module: Any, opt_level: int, pipeline: str) -> Build:
    """Builds `module` at `opt_level` (0-3) with `pipeline`; a TVM failure is a `framework` error
    naming the level, so a sweep can record it and go on."""
    import time

    from tvm import relax

    if pipeline not in PIPELINES:
        raise HelperError("usage", f"unknown TVM pipeline '{pipeline}' ({', '.join(PIPELINES)})")
    if not 0 <= opt_level <= 3:
        raise HelperError("usage", f"TVM opt level {opt_level}: expected 0, 1, 2 or 3")
    start = time.perf_counter()
    passes = relax.transform
    try:
        with tvm.transform.PassContext(opt_level=opt_level):
            legal = tvm.transform.Sequential(
                [passes.LegalizeOps(), passes.AnnotateTIROpPattern(), passes.FoldConstant()])(module)
            if pipeline == "zero":
                grouped = passes.FuseOps()(legal)
                final = passes.FuseTIR()(grouped)
            else:
                grouped = final = legal
            executable = relax.build(final, tvm.target.Target("llvm"), relax_pipeline="default_build")
    except HelperError:
        raise
    except Exception as error:
        raise HelperError("framework", f"TVM build failed at opt level {opt_level}, pipeline {pipeline} "
                          f"({type(error).__name__}: {str(error).strip()[:1500]})") from error
    kernels = plan(relax, legal, grouped, final)
    return Build(executable, opt_level, pipeline, kernels, relax_ops(module), time.perf_counter() - start)


def bindings(function: Any) -> list[Any]:
    return [b for block in function.body.blocks for b in block.bindings]


def callee_of(relax: Any, value: Any) -> str | None:
    """The PrimFunc a `call_tir` binding calls, or None for anything else."""
    if isinstance(value, relax.Call) and getattr(value.op, "name", "") == "relax.call_tir":
        return str(value.args[0].name_hint)
    return None


def relax_ops(module: Any) -> dict[str, str]:
    """Binding name -> Relax op (`relax.nn.conv2d`) of `main` as written, before legalization."""
    ops = {}
    for b in bindings(module["main"]):
        op = getattr(b.value, "op", None)
        ops[b.var.name] = getattr(op, "name", None) or getattr(op, "name_hint", "") or type(b.value).__name__
    return ops


def signature(relax: Any, value: Any, rename: dict[str, str]) -> tuple[Any, ...]:
    """What a binding computes, in names of the legalized `main`: its op (or PrimFunc) and its
    arguments, each renamed through `rename` (function parameters and bindings of a group)."""
    def name(arg: Any) -> str:
        text = getattr(arg, "name", None) if isinstance(arg, relax.Var) else None
        return rename.get(text, text) if text is not None else str(arg)

    if isinstance(value, relax.TupleGetItem):
        return ("getitem", value.index, name(value.tuple_value))
    if not isinstance(value, relax.Call):
        return (type(value).__name__, str(value))
    callee = callee_of(relax, value)
    if callee is not None:
        return ("call_tir", callee, tuple(name(a) for a in value.args[1].fields))
    op = getattr(value.op, "name", None) or getattr(value.op, "name_hint", "")
    return (op, tuple(name(a) for a in value.args))


def plan(relax: Any, legal: Any, grouped: Any, final: Any) -> list[Kernel]:
    """Every `call_tir` of the final `main`, in call order, with the legalized bindings it stands for.

    FuseOps replaces each group by a call to a group function, shared by every group of the same
    structure, with its own binding names. Each call site is instantiated against the legalized
    `main`: the function's bindings, with its parameters renamed to the site's arguments, are
    matched by signature to the legalized bindings they replaced. FuseTIR then turns each group
    call into one `call_tir`, in the same order.
    """
    unused: dict[tuple[Any, ...], list[str]] = {}
    for b in bindings(legal["main"]):
        unused.setdefault(signature(relax, b.value, {}), []).append(b.var.name)
    functions = {gv.name_hint: f for gv, f in grouped.functions.items()
                 if isinstance(f, relax.Function) and gv.name_hint != "main"}
    outer: dict[str, str] = {}  # grouped main binding -> the legalized binding it stands for
    sites: list[list[str]] = []
    for b in bindings(grouped["main"]):
        value = b.value
        group = value.op.name_hint if isinstance(value, relax.Call) and isinstance(value.op, relax.GlobalVar) else None
        if group not in functions:
            outer[b.var.name] = b.var.name
            if callee_of(relax, value) is not None:
                sites.append([b.var.name])
            continue
        function = functions[group]
        local = {p.name: outer.get(getattr(a, "name", ""), getattr(a, "name", str(a)))
                 for p, a in zip(function.params, value.args, strict=True)}
        members = []
        for inner in bindings(function):
            candidates = unused.get(signature(relax, inner.value, local), [])
            local[inner.var.name] = candidates.pop(0) if candidates else inner.var.name
            members.append(local[inner.var.name])
        output = getattr(function.body.body, "name", None)
        if output in local and local[output] in members:  # the group's output is its last member
            members.remove(local[output])
            members.append(local[output])
        outer[b.var.name] = members[-1]
        sites.append(members)
    calls = [b for b in bindings(final["main"]) if callee_of(relax, b.value) is not None]
    if len(calls) != len(sites):  # FuseTIR did not keep one kernel per site: name kernels by binding
        sites = [[b.var.name] for b in calls]
    return [Kernel(callee_of(relax, b.value) or "", members, outputs(relax, b))
            for b, members in zip(calls, sites, strict=True)]


def outputs(relax: Any, binding: Any) -> int:
    """How many output buffers a `call_tir` binding's kernel writes: the fields of its tuple result."""
    ty = binding.var.ty
    return len(ty.fields) if isinstance(ty, relax.TupleType) else 1
