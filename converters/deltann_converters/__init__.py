"""DeltaNN's Python helpers: real framework backends and peer converters.

Run as `PYTHONPATH=converters python -m deltann_converters {run,convert,zoo} ...`. Everything
crosses the process boundary as .npz/.npy and JSON files; see golden/README.md for formats.
"""

ACTIVATIONS_FORMAT = "deltann.activations/1"
CONVERSION_FORMAT = "deltann.conversion/1"
