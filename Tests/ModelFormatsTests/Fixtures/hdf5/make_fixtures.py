"""Makes the HDF5 files of this folder with h5py (3.14): datasets whose extents a reader must
check before it multiplies or allocates. Chunked datasets with no chunk written take no space,
so each file is a few KiB whatever its extents claim.
Run with the project's venv:  .venv/bin/python make_fixtures.py
The outputs are committed; the Swift tests need no Python.
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, shape, chunks, compression=None):
    with h5py.File(os.path.join(HERE, name), "w", libver="earliest") as f:
        f.create_dataset("x", shape=shape, dtype="<f4", chunks=chunks, compression=compression)
        f.create_dataset("ok", data=np.arange(6, dtype="<f4").reshape(2, 3))


# 2^32 × 2^32 elements: the element count overflows a 64-bit integer.
write("overflowing_extents.h5", (2**32, 2**32), (1, 1))
# 2^40 float32 elements (4 TiB) in a file of a few KiB.
write("huge_dataset.h5", (2**40,), (1024,))
# 450 million float32 elements (1.8 GB), gzip-compressed, no chunk written: libhdf5 would fill
# the whole buffer from the fill value (the keras harness's out-of-memory finding).
write("unstored_compressed.h5", (450_000_000,), (1 << 18,), compression="gzip")
