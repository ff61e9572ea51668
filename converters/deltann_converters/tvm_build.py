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
                          f"({type(error).__name__}: {str(error).strip()[:1500]})")
    kernels = plan(relax, legal, grouped, final)
    return Build(executable, opt_level, pipeline, kernels, relax_ops(module), time.perf_counter() - start)


def bindings(function: Any) -> list[Any]:
    return [b for block in function.body.blocks for b in block.bindings]


def callee_of(relax: Any, value: Any) -> str | None:
    """The PrimFunc a `call_tir` binding calls, or None for anything else."""
    if isinstance(value, relax.Call) and getattr(value.op, "name", "") == "relax.call_tir":
        return value.args[0].name_hint
    return None


def relax_ops(module: Any) -> dict[str, str]:
    """Binding name -> Relax op (`relax.nn.conv2d`) of `main` as written, before legalization."""
    ops = {}
    for b in bindings(module["main"]):
        op = getattr(b.value, "op", None)
        ops[b.var.name] = getattr(op, "name", None) or getattr(op, "name_hint", "") or type(b.value).__name__
    return ops


def plan(relax: Any, legal: Any, grouped: Any, final: Any) -> list[Kernel]:
    """Every `call_tir` of the final `main`, in call order, with the legalized bindings it stands for.

    FuseOps renames each group's output binding; it is found again as the legalized binding that
    calls the same PrimFunc as the group's last binding and reads one of the group's members.
    """
    legal_bindings = bindings(legal["main"])
    groups: dict[str, list[str]] = {}
    for gv, function in grouped.functions.items():
        if not isinstance(function, relax.Function) or gv.name_hint == "main":
            continue
        body = bindings(function)
        inside = [b.var.name for b in body[:-1]]
        last = callee_of(relax, body[-1].value)
        output = next((b.var.name for b in legal_bindings
                       if last is not None and callee_of(relax, b.value) == last and b.var.name not in inside
                       and any(getattr(a, "name", None) in inside for a in b.value.args[1].fields)), None)
        groups[gv.name_hint] = inside + [output or body[-1].var.name]
    kernels = []
    for b in bindings(final["main"]):
        callee = callee_of(relax, b.value)
        if callee is not None:  # FuseTIR names each fused kernel after its group's function
            kernels.append(Kernel(callee, groups.get(callee, [b.var.name])))
    return kernels
