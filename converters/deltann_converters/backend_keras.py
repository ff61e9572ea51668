"""Keras backend: loads .keras / .h5 and runs the Functional graph node by node.

Capture walks the graph the way `Functional._run_through_graph` does (deepest nodes first), but
emits each layer's output as soon as it exists and drops values nobody needs any more, so
memory holds only the live tensors of one input. Keras has no public API for a Functional
model's nodes: `functional_steps` is the one place that reads its private graph.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .backend import Emit
from .errors import HelperError


@dataclass(frozen=True)
class Step:
    """One call in a Functional graph: `operation` applied to `fill_in(values)` gives `outputs`."""

    operation: Any
    inputs: list[Any]  # the KerasTensors it reads
    outputs: list[Any]  # the KerasTensors it produces
    fill_in: Callable[[dict[int, Any]], tuple[list[Any], dict[str, Any]]]  # {id(tensor): value} -> args, kwargs


def functional_steps(model: Any) -> list[Step]:
    """Every non-input node of a Functional `model`, deepest first (an order in which each node's
    inputs exist before it runs). Reads Keras' private `Functional._nodes_by_depth` and `Node`
    attributes; when a Keras release changes them this raises, and the test
    `test_keras_functionalSteps_followTheGraph` fails, naming the Keras version."""
    import keras

    try:
        by_depth = model._nodes_by_depth
        return [Step(node.operation, list(node.input_tensors), list(node.outputs), node.arguments.fill_in)
                for depth in sorted(by_depth, reverse=True)
                for node in by_depth[depth] if node.operation and not node.is_input]
    except (AttributeError, TypeError) as error:
        raise HelperError("framework", f"Keras {keras.__version__} changed the private graph API that DeltaNN "
                          f"walks (Functional._nodes_by_depth, Node): {type(error).__name__}: {error}") from error


class KerasBackend:
    framework = "keras"

    def __init__(self, path: str | Path, threads: int = 0) -> None:
        if threads:
            import tensorflow as tf

            tf.config.threading.set_intra_op_parallelism_threads(threads)
            tf.config.threading.set_inter_op_parallelism_threads(threads)
        import keras

        self.keras = keras
        path = Path(path)
        if not path.is_file():
            raise HelperError("missing-file", f"{path}: no such model file")
        if path.suffix not in (".keras", ".h5"):
            raise HelperError("bad-model", f"{path}: expected a .keras or .h5 Keras model")
        try:
            self.model = keras.models.load_model(path, compile=False)
        except Exception as error:
            raise HelperError("bad-model", f"{path}: Keras cannot load it "
                              f"({type(error).__name__}: {error})") from error
        if len(self.model.inputs) != 1:
            raise HelperError("unsupported", f"{path}: {len(self.model.inputs)} inputs; one is supported")
        self.steps = functional_steps(self.model)
        self.users = Counter(id(t) for step in self.steps for t in step.inputs)
        self.keys: list[list[str]] = []  # per step: its tensor keys, unique even when a layer is called twice
        calls: Counter[str] = Counter()
        for step in self.steps:
            name = step.operation.name
            suffix = f"@{calls[name]}" if calls[name] else ""
            calls[name] += 1
            count = len(step.outputs)
            self.keys.append([name + suffix + (f":{k}" if count > 1 else "") for k in range(count)])
        self.output_ids = {id(t) for t in self.model.outputs}
        self.output_keys = [key for step, keys in zip(self.steps, self.keys, strict=True)
                            for t, key in zip(step.outputs, keys, strict=True) if id(t) in self.output_ids]

    @property
    def version(self) -> str:
        return str(self.keras.__version__)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """`predict_on_batch`: Keras' compiled inference step (an eager call is ~10x slower)."""
        return np.asarray(self.keras.ops.convert_to_numpy(self.model.predict_on_batch(x)))

    def capture(self, x: np.ndarray, emit: Emit, everything: bool = True) -> None:
        keras = self.keras
        values = {id(self.model.inputs[0]): keras.ops.convert_to_tensor(x)}
        left = Counter(self.users)
        for step, keys in zip(self.steps, self.keys, strict=True):
            args, kwargs = step.fill_in(values)
            if isinstance(step.operation, keras.layers.Layer):
                kwargs = {**kwargs, "training": False}
            results = keras.tree.flatten(step.operation(*args, **kwargs))
            for tensor, result, key in zip(step.outputs, results, keys, strict=True):
                values[id(tensor)] = result
                if everything or id(tensor) in self.output_ids:
                    array = keras.ops.convert_to_numpy(result)
                    emit(key, array, step.operation.name, type(step.operation).__name__,
                         "NHWC" if array.ndim == 4 and keras.config.image_data_format() == "channels_last" else
                         "NCHW" if array.ndim == 4 else "other")
            for tensor in step.inputs:
                left[id(tensor)] -= 1
                if left[id(tensor)] == 0 and id(tensor) not in self.output_ids:
                    values.pop(id(tensor), None)
