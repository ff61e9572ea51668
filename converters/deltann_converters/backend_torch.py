"""PyTorch backend: loads a torch.export `.pt2` and runs its ExportedProgram graph.

Capture interprets `ep.graph_module` with torch.fx (parameters and buffers passed in as the
graph's lifted placeholders), so tensor keys are exactly the node names in the saved program.
The interpreter frees each value after its last use.
"""

from pathlib import Path

from .errors import HelperError


class TorchBackend:
    framework = "torch"

    def __init__(self, path, threads=0):
        import torch

        self.torch = torch
        if threads:
            torch.set_num_threads(threads)
        path = Path(path)
        if not path.is_file():
            raise HelperError("missing-file", f"{path}: no such model file")
        try:
            self.ep = torch.export.load(str(path))
        except Exception as error:
            raise HelperError("bad-model", f"{path}: torch.export cannot load it ({type(error).__name__}: {error})")
        from torch.export.graph_signature import InputKind, OutputKind

        self.lifted = []  # (position, tensor) of every placeholder that is not a user input
        self.user_positions = []
        for position, spec in enumerate(self.ep.graph_signature.input_specs):
            if spec.kind == InputKind.USER_INPUT:
                self.user_positions.append(position)
            elif spec.target in self.ep.state_dict:
                self.lifted.append((position, self.ep.state_dict[spec.target]))
            else:
                self.lifted.append((position, self.ep.constants[spec.target]))
        if len(self.user_positions) != 1:
            raise HelperError("unsupported", f"{path}: {len(self.user_positions)} user inputs; one is supported")
        self.output_keys = [spec.arg.name for spec in self.ep.graph_signature.output_specs
                            if spec.kind == OutputKind.USER_OUTPUT]
        self.module = self.ep.module()

    @property
    def version(self):
        return self.torch.__version__

    def predict(self, x):
        with self.torch.no_grad():
            return self.module(self.torch.from_numpy(x)).numpy()

    def capture(self, x, emit, everything=True):
        torch = self.torch
        args = [None] * (len(self.lifted) + 1)
        for position, tensor in self.lifted:
            args[position] = tensor
        args[self.user_positions[0]] = torch.from_numpy(x)
        outputs = set(self.output_keys)

        class Recorder(torch.fx.Interpreter):
            def run_node(self, node):
                result = super().run_node(node)
                if node.op == "call_function" and isinstance(result, torch.Tensor) \
                        and (everything or node.name in outputs):
                    stack = node.meta.get("nn_module_stack") or {}
                    layer = list(stack.values())[-1][0] if stack else ""
                    op = str(node.target) if isinstance(node.target, torch._ops.OpOverload) \
                        else getattr(node.target, "__name__", str(node.target))
                    emit(node.name, result.detach().numpy(), layer, op,
                         "NCHW" if result.dim() == 4 else "other")
                return result

        with torch.no_grad():
            Recorder(self.ep.graph_module).run(*args)
