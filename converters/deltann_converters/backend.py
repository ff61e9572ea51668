"""What `run` needs from a framework backend (Keras, PyTorch, onnxruntime, TVM)."""

from collections.abc import Callable
from typing import Protocol

import numpy as np

# emit(key, array, layer, op, layout): one captured tensor of one input.
Emit = Callable[[str, np.ndarray, str, str, str], None]


class Backend(Protocol):
    framework: str
    output_keys: list[str]

    @property
    def version(self) -> str: ...

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The model output for a batch `x`, the call `--repeat` times."""
        ...

    def capture(self, x: np.ndarray, emit: Emit, everything: bool = True) -> None:
        """Runs `x` (batch 1) and emits every tensor (`everything`) or the outputs only."""
        ...
