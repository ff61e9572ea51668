"""PyTorch backend: loads a torch.export `.pt2` and runs its ExportedProgram graph.

Capture interprets `ep.graph_module` with torch.fx (parameters and buffers passed in as the
graph's lifted placeholders), so tensor keys are exactly the node names in the saved program.
The interpreter frees each value after its last use.
"""

from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch.export.graph_signature import InputKind, OutputKind

from .backend import Emit
from .errors import HelperError


def op_name(target: Any) -> str:
    """The op a `call_function` node calls: `aten.conv2d.default` for an ATen overload (whose
    type, `torch._ops.OpOverload`, torch does not export publicly), else the callable's name
    (`getitem`). The one use of torch's private `_ops` module; `test_torch_opName` watches it."""
    if isinstance(target, torch._ops.OpOverload):
        return str(target)
    return str(getattr(target, "__name__", target))


class Recorder(torch.fx.Interpreter):
    """Runs a graph module and emits every `call_function` tensor (or only those in `keep`)."""

    def __init__(self, module: torch.fx.GraphModule, emit: Emit, keep: set[str] | None) -> None:
        super().__init__(module)
        self.emit, self.keep = emit, keep

    def run_node(self, node: torch.fx.Node) -> Any:
        result = super().run_node(node)
        if node.op == "call_function" and isinstance(result, torch.Tensor) \
                and (self.keep is None or node.name in self.keep):
            stack = node.meta.get("nn_module_stack") or {}
            # A call at the root module is its own layer, as deltann's importer names it.
            layer = list(stack.values())[-1][0] if stack else node.name
            self.emit(node.name, result.detach().numpy(), layer, op_name(node.target),
                      "NCHW" if result.dim() == 4 else "other")
        return result


class TorchBackend:
    framework = "torch"

    def __init__(self, path: str | Path, threads: int = 0) -> None:
        if threads:
            torch.set_num_threads(threads)
        path = Path(path)
        if not path.is_file():
            raise HelperError("missing-file", f"{path}: no such model file")
        try:
            self.ep = torch.export.load(str(path))
        except Exception as error:
            raise HelperError("bad-model", f"{path}: torch.export cannot load it "
                              f"({type(error).__name__}: {error})") from error
        self.lifted: list[tuple[int, Any]] = []  # (position, tensor) of every placeholder not a user input
        self.user_positions: list[int] = []
        for position, spec in enumerate(self.ep.graph_signature.input_specs):
            if spec.kind == InputKind.USER_INPUT:
                self.user_positions.append(position)
            elif spec.target in self.ep.state_dict:
                self.lifted.append((position, self.ep.state_dict[spec.target]))
            else:
                self.lifted.append((position, self.ep.constants[str(spec.target)]))
        if len(self.user_positions) != 1:
            raise HelperError("unsupported", f"{path}: {len(self.user_positions)} user inputs; one is supported")
        self.output_keys = [str(getattr(spec.arg, "name", "")) for spec in self.ep.graph_signature.output_specs
                            if spec.kind == OutputKind.USER_OUTPUT]
        self.module = self.ep.module()

    @property
    def version(self) -> str:
        return str(torch.__version__)

    def predict(self, x: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return np.asarray(self.module(torch.from_numpy(x)).numpy())

    def capture(self, x: np.ndarray, emit: Emit, everything: bool = True) -> None:
        args: list[Any] = [None] * (len(self.lifted) + 1)
        for position, tensor in self.lifted:
            args[position] = tensor
        args[self.user_positions[0]] = torch.from_numpy(x)
        with torch.no_grad():
            Recorder(self.ep.graph_module, emit, None if everything else set(self.output_keys)).run(*args)
