"""Keras backend: loads .keras / .h5 and runs the Functional graph node by node.

Capture walks the graph the way `Functional._run_through_graph` does (deepest nodes first), but
emits each layer's output as soon as it exists and drops values nobody needs any more, so
memory holds only the live tensors of one input.
"""

from collections import Counter
from pathlib import Path

from .errors import HelperError


class KerasBackend:
    framework = "keras"

    def __init__(self, path, threads=0):
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
            raise HelperError("bad-model", f"{path}: Keras cannot load it ({type(error).__name__}: {error})")
        if len(self.model.inputs) != 1:
            raise HelperError("unsupported", f"{path}: {len(self.model.inputs)} inputs; one is supported")
        self.nodes = [node for depth in sorted(self.model._nodes_by_depth, reverse=True)
                      for node in self.model._nodes_by_depth[depth] if node.operation and not node.is_input]
        self.users = Counter(id(t) for node in self.nodes for t in node.input_tensors)
        self.keys = {}  # id(node) -> tensor keys, unique even when a layer is called twice
        calls = Counter()
        for node in self.nodes:
            name = node.operation.name
            suffix = f"@{calls[name]}" if calls[name] else ""
            calls[name] += 1
            outputs = node.outputs
            self.keys[id(node)] = [name + suffix + (f":{k}" if len(outputs) > 1 else "") for k in range(len(outputs))]
        self.output_ids = {id(t) for t in self.model.outputs}
        self.output_keys = [key for node in self.nodes for t, key in zip(node.outputs, self.keys[id(node)])
                            if id(t) in self.output_ids]

    @property
    def version(self):
        return self.keras.__version__

    def predict(self, x):
        """`predict_on_batch`: Keras' compiled inference step (an eager call is ~10x slower)."""
        return self.keras.ops.convert_to_numpy(self.model.predict_on_batch(x))

    def capture(self, x, emit, everything=True):
        keras = self.keras
        values = {id(self.model.inputs[0]): keras.ops.convert_to_tensor(x)}
        left = Counter(self.users)
        for node in self.nodes:
            args, kwargs = node.arguments.fill_in(values)
            if isinstance(node.operation, keras.layers.Layer):
                kwargs = {**kwargs, "training": False}
            results = keras.tree.flatten(node.operation(*args, **kwargs))
            for tensor, result, key in zip(node.outputs, results, self.keys[id(node)]):
                values[id(tensor)] = result
                if everything or id(tensor) in self.output_ids:
                    array = keras.ops.convert_to_numpy(result)
                    emit(key, array, node.operation.name, type(node.operation).__name__,
                         "NHWC" if array.ndim == 4 and keras.config.image_data_format() == "channels_last" else
                         "NCHW" if array.ndim == 4 else "other")
            for tensor in node.input_tensors:
                left[id(tensor)] -= 1
                if left[id(tensor)] == 0 and id(tensor) not in self.output_ids:
                    values.pop(id(tensor), None)
