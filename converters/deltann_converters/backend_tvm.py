"""TVM backend: builds a Relax module (our TVM form, or TVM's import of an .onnx or .pt2) for
`llvm` at one optimisation level and runs it in `relax.VirtualMachine`.

Capture goes through `vm.set_instrument`: after every kernel call the VM reports the PrimFunc
and its arguments, the last of which is the output buffer (destination-passing style). Each
call is matched, in order, to the kernel plan of the build (`tvm_build.plan`), so a captured
tensor is keyed by the Relax binding it computes — for our TVM form, the ONNX tensor named after
the source layer (`provenance.json`). With fusion (the `zero` pipeline above opt level 0) a
kernel is a fused group: it is captured once, under the group's output binding, and the
sidecar's `tvm.granularity` says `fused-group` and lists each group's members. Reshapes that
the VM performs as views (`vm.builtin.reshape`) are not kernels and are not captured.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from .errors import HelperError
from .tvm_build import Build, Kernel, build
from .tvm_forms import RelaxForm, import_tvm, load_form

Emit = Callable[[str, np.ndarray, str, str, str], None]


class TvmBackend:
    framework = "tvm"

    def __init__(self, tvm: Any, form: RelaxForm, built: Build, input_layout: str | None = None) -> None:
        self.tvm = tvm
        self.input_layout = input_layout
        self.form = form
        self.built = built
        self.device = tvm.cpu()
        self.params = [tvm.runtime.tensor(p, self.device) for p in form.params]
        self.vm = tvm.relax.VirtualMachine(built.executable, self.device)
        self.capture_vm: Any = None
        self.output_keys = [form.binding(returned_binding(form.module["main"])).key]

    @classmethod
    def open(cls, path: str | Path, threads: int = 0, opt_level: int = 0, pipeline: str = "zero",
             input_layout: str | None = None) -> TvmBackend:
        """Loads the form at `path` and builds it at `opt_level` with `pipeline`. `input_layout`
        states the layout of 4-D inputs (NHWC, NCHW), so NHWC images can feed an NCHW module."""
        tvm = import_tvm(threads)
        form = load_form(path, tvm)
        return cls(tvm, form, build(tvm, form.module, opt_level, pipeline), input_layout)

    @property
    def version(self) -> str:
        return str(self.tvm.__version__)

    @property
    def sidecar_extra(self) -> dict[str, Any]:
        """The build facts the activations sidecar records under `tvm`."""
        granularity = "fused-group" if self.built.fused else "op"
        return {"tvm": {
            "form": self.form.kind, "opt_level": self.built.opt_level, "pipeline": self.built.pipeline,
            "target": "llvm", "build_seconds": round(self.built.seconds, 3), "granularity": granularity,
            "kernels": [{"kernel": k.callee, "key": self.form.binding(k.output).key,
                         "members": [self.form.binding(m).key for m in k.members]} for k in self.built.kernels]}}

    def run_main(self, vm: Any, x: np.ndarray) -> np.ndarray:
        if self.input_layout == "NHWC" and x.ndim == 4 and list(x.shape) != self.form.input_shape \
                and list(x.transpose(0, 3, 1, 2).shape) == self.form.input_shape:
            x = x.transpose(0, 3, 1, 2)  # NHWC images for a module that takes NCHW
        if list(x.shape) != self.form.input_shape:
            raise HelperError("bad-input", f"input of shape {list(x.shape)}; the TVM module's "
                              f"'{self.form.input_name}' takes {self.form.input_shape}")
        result = vm["main"](self.tvm.runtime.tensor(np.ascontiguousarray(x), self.device), *self.params)
        while not hasattr(result, "numpy"):  # a tuple-returning main: its first field is the output
            result = result[0]
        return np.asarray(result.numpy())

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.run_main(self.vm, x)

    def capture(self, x: np.ndarray, emit: Emit, everything: bool = True) -> None:
        if not everything:
            emit(self.output_keys[0], self.predict(x), self.form.binding(returned_binding(
                self.form.module["main"])).layer, "output", "other")
            return
        if self.capture_vm is None:
            self.capture_vm = self.tvm.relax.VirtualMachine(self.built.executable, self.device)
        calls: list[tuple[Kernel, np.ndarray]] = []
        unplanned: list[str] = []
        kernels = iter(self.built.kernels)

        def instrument(_func: Any, name: str, before_run: bool, _ret: Any, *args: Any) -> int:
            if not before_run and not name.startswith("vm.builtin.") and args and hasattr(args[-1], "numpy"):
                kernel = next((k for k in kernels if k.callee == name), None)
                if kernel is None:
                    unplanned.append(name)
                else:  # destination-passing style: the outputs are the last arguments, the first is the value
                    calls.append((kernel, args[-kernel.outputs].numpy()))
            return 0

        self.capture_vm.set_instrument(instrument)
        output = self.run_main(self.capture_vm, x)
        if unplanned:
            raise HelperError("framework", f"the VM called kernel '{unplanned[0]}', which the build's plan "
                              "does not list at this point; per-op capture cannot name it")
        emitted: set[str] = set()
        first_fields = tuple_first_fields(self.tvm.relax, self.form.module["main"])
        for kernel, array in calls:
            # A kernel with a tuple result (batch norm) is captured as the tuple's field 0, the value.
            binding = self.form.binding(first_fields.get(kernel.output, kernel.output) if kernel.outputs > 1
                                        else kernel.output)
            if binding.key in emitted:
                continue
            emitted.add(binding.key)
            op = kernel.callee if len(kernel.members) > 1 else self.built.ops.get(kernel.output, kernel.callee)
            emit(binding.key, array, binding.layer, op, binding.layout if array.ndim == 4 else "other")
        if self.output_keys[0] not in emitted:
            emit(self.output_keys[0], output, "", "output", "other")


def tuple_first_fields(relax: Any, main: Any) -> dict[str, str]:
    """Tuple binding -> the binding of its field 0 (`bn = R.TupleGetItem(bn__tuple, 0)`)."""
    return {b.value.tuple_value.name: b.var.name for block in main.body.blocks for b in block.bindings
            if isinstance(b.value, relax.TupleGetItem) and b.value.index == 0
            and isinstance(b.value.tuple_value, relax.Var)}


def returned_binding(main: Any) -> str:
    body = main.body.body
    return str(getattr(body, "name", "output"))


def sweep(model: str | Path, inputs: np.ndarray, levels: list[int], pipeline: str, repeat: int,
          threads: int = 0) -> dict[str, Any]:
    """Builds and runs `model` at every level in `levels`: timing (min, median, p95 per input),
    top-1 per input and max |output - first level's output|. A level whose build or run fails is
    recorded as that level's finding and the sweep goes on."""
    from .run import measure

    tvm = import_tvm(threads)
    form = load_form(model, tvm)
    results: list[dict[str, Any]] = []
    reference: np.ndarray | None = None
    for level in levels:
        entry: dict[str, Any] = {"opt_level": level, "pipeline": pipeline}
        try:
            backend = TvmBackend(tvm, form, build(tvm, form.module, level, pipeline))
            start = time.perf_counter()
            outputs = np.concatenate([backend.predict(inputs[i:i + 1]) for i in range(len(inputs))])
            entry.update(status="ok", build_seconds=round(backend.built.seconds, 3),
                         first_run_seconds=round(time.perf_counter() - start, 4),
                         fused=backend.built.fused, kernels=len(backend.built.kernels),
                         top1=outputs.reshape(len(inputs), -1).argmax(-1).tolist(),
                         timing=measure(backend.predict, inputs, repeat))
            if not np.isfinite(outputs).all():
                entry["nonfinite"] = int((~np.isfinite(outputs)).sum())
            if reference is None:
                reference = outputs
            entry["max_abs_vs_first"] = float(np.abs(outputs - reference).max())
        except HelperError as error:
            if error.kind in ("usage", "missing-framework"):
                raise
            entry.update(status="failed", error=error.kind, message=str(error))
        results.append(entry)
    return {"format": "deltann.tvm-sweep/1", "model": str(model), "form": form.kind,
            "framework_version": str(tvm.__version__), "target": "llvm", "levels": results}
