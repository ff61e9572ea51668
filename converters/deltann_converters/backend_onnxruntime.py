"""onnxruntime backend: runs an .onnx model; capture marks every node output as a graph output.

Marked outputs are fetched in topological chunks whose estimated size (from ONNX shape
inference, batch 1) stays under a budget, so a large model is run once per chunk instead of
holding every intermediate at once. Small models are one chunk, one run.
"""

from pathlib import Path
from typing import Any

import numpy as np
import onnx

from .backend import Emit
from .errors import HelperError

NCHW_OPS = {"Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
            "BatchNormalization", "LRN", "InstanceNormalization"}
ELEMENTWISE_OPS = {"Relu", "Clip", "Sigmoid", "Tanh", "LeakyRelu", "Add", "Sub", "Mul", "Div", "Identity",
                   "Max", "Min", "HardSigmoid", "HardSwish", "Dropout", "Pad", "Softmax"}


def infer_layouts(graph: onnx.GraphProto) -> dict[str, str]:
    """Best-effort layout of every 4-D tensor: NCHW from ONNX's NCHW ops, carried through
    elementwise ops and Transposes; a graph input feeding a Transpose to NCHW is NHWC."""
    layout = {}
    for node in graph.node:
        if node.op_type == "Transpose" and node.input[0] in {i.name for i in graph.input}:
            perm = [a.ints for a in node.attribute if a.name == "perm"]
            if perm and list(perm[0]) == [0, 3, 1, 2]:
                layout[node.input[0]] = "NHWC"
        if node.op_type == "Conv" and node.input[0] in {i.name for i in graph.input}:
            layout.setdefault(node.input[0], "NCHW")
    for node in graph.node:
        found = None
        if node.op_type in NCHW_OPS:
            found = "NCHW"
        elif node.op_type == "Transpose":
            perm = [list(a.ints) for a in node.attribute if a.name == "perm"]
            source = layout.get(node.input[0])
            if perm and source:
                found = "".join(source[p] for p in perm[0]) if len(source) == len(perm[0]) else None
        elif node.op_type in ELEMENTWISE_OPS or node.op_type == "Concat":
            found = next((layout[i] for i in node.input if i in layout), None)
        if found in ("NCHW", "NHWC"):
            for output in node.output:
                layout[output] = found
    return layout


class OnnxRuntimeBackend:
    framework = "onnxruntime"

    def __init__(self, path: str | Path, budget_bytes: int = 512 << 20, threads: int = 0) -> None:
        import onnxruntime

        self.ort = onnxruntime
        path = Path(path)
        if not path.is_file():
            raise HelperError("missing-file", f"{path}: no such model file")
        try:
            self.model = onnx.load(str(path))
            self.options = onnxruntime.SessionOptions()
            self.options.intra_op_num_threads = threads
            self.session = onnxruntime.InferenceSession(str(path), self.options, providers=["CPUExecutionProvider"])
        except Exception as error:
            raise HelperError("bad-model", f"{path}: onnxruntime cannot load it "
                              f"({type(error).__name__}: {error})") from error
        graph = self.model.graph
        initializers = {i.name for i in graph.initializer}
        inputs = [i for i in graph.input if i.name not in initializers]
        if len(inputs) != 1:
            raise HelperError("unsupported", f"{path}: {len(inputs)} inputs; one is supported")
        self.input_name = inputs[0].name
        self.output_keys = [o.name for o in graph.output]
        self.tensors = [(name, node) for node in graph.node for name in node.output if name]
        self.layouts = infer_layouts(graph)
        self.budget = budget_bytes
        self.capture_session: Any = None
        self.chunks: list[list[str]] = []

    @property
    def version(self) -> str:
        return str(self.ort.__version__)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self.session.run(self.output_keys[:1], {self.input_name: x})[0])

    def _chunks(self) -> list[list[str]]:
        sizes = {}
        try:
            inferred = onnx.shape_inference.infer_shapes(self.model)
            for info in [*inferred.graph.value_info, *inferred.graph.output]:
                dims = info.type.tensor_type.shape.dim
                sizes[info.name] = 4 * int(np.prod([d.dim_value if d.HasField("dim_value") else 1 for d in dims]))
        except Exception:
            pass  # sizes stay unknown: each tensor is then guessed at 1 MiB
        chunks: list[list[str]] = []
        current: list[str] = []
        total = 0
        for name, _ in self.tensors:
            size = sizes.get(name, 1 << 20)
            if current and total + size > self.budget:
                chunks.append(current)
                current, total = [], 0
            current.append(name)
            total += size
        return chunks + [current] if current else chunks

    def _open_capture(self) -> None:
        marked = onnx.ModelProto()
        marked.CopyFrom(self.model)
        existing = {o.name for o in marked.graph.output}
        marked.graph.output.extend(onnx.ValueInfoProto(name=name) for name, _ in self.tensors if name not in existing)
        self.capture_session = self.ort.InferenceSession(marked.SerializeToString(), self.options,
                                                         providers=["CPUExecutionProvider"])
        self.chunks = self._chunks()

    def capture(self, x: np.ndarray, emit: Emit, everything: bool = True) -> None:
        if not everything:
            arrays = self.session.run(self.output_keys, {self.input_name: x})
            for name, array in zip(self.output_keys, arrays, strict=True):
                node = next((n for t, n in self.tensors if t == name), None)
                emit(name, array, node.name if node else "", node.op_type if node else "",
                     self.layouts.get(name, "other"))
            return
        if self.capture_session is None:
            self._open_capture()
        nodes = dict(self.tensors)
        for chunk in self.chunks:
            for name, array in zip(chunk, self.capture_session.run(chunk, {self.input_name: x}), strict=True):
                emit(name, array, nodes[name].name, nodes[name].op_type,
                     self.layouts.get(name, "other") if np.ndim(array) == 4 else "other")
