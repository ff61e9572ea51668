"""Regenerates the .npy/.npz fixtures of NPYTests with real numpy, and expected.json.

Run from this folder: `python3 make_fixtures.py` (numpy 2.x). expected.json records, for every
array, numpy's own view of it: dtype name, shape, values in C order (bools as 0/1) and the
sha256 of its little-endian C-order bytes, the hash golden/manifest.json uses.
"""

import hashlib
import json

import numpy as np

ARRAYS = {}


def record(name, array):
    little = array.astype(array.dtype.newbyteorder("<"), copy=False)
    ARRAYS[name] = {
        "dtype": array.dtype.name,
        "shape": list(array.shape),
        "values": np.ascontiguousarray(array).astype(np.float64).ravel().tolist(),
        "sha256": hashlib.sha256(np.ascontiguousarray(little).tobytes()).hexdigest(),
    }


def save(name, array, version=None):
    with open(name, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)
    record(name, array)


ramp = np.arange(24, dtype=np.float64) - 7.5
save("v1_float32.npy", ramp[:6].astype(np.float32).reshape(2, 3), version=(1, 0))
save("v2_int64.npy", (np.arange(6, dtype=np.int64) * -123456789012).reshape(3, 2), version=(2, 0))
save("v3_uint16.npy", np.array([0, 1, 65535, 300], dtype=np.uint16), version=(3, 0))
save("fortran_float64.npy", np.asfortranarray(ramp.reshape(2, 3, 4)))
save("bigendian_int32.npy", np.array([[1, -2], [70000, -70000], [0, 2**31 - 1]], dtype=">i4"))
save("bigendian_fortran_float32.npy", np.asfortranarray(ramp[:6].reshape(2, 3).astype(">f4")))
save("bool.npy", np.array([True, False, False, True, True]))
save("float16.npy", np.array([0.5, -2.0, 65504.0, 6.1035156e-05], dtype=np.float16))
save("scalar_int8.npy", np.array(-7, dtype=np.int8))
save("empty_float32.npy", np.zeros((0, 3), dtype=np.float32))
save("uint8.npy", np.array([[0, 255], [7, 128]], dtype=np.uint8))
save("int16.npy", np.array([-32768, 32767, 5], dtype=np.int16))
save("uint32.npy", np.array([4294967295, 1], dtype=np.uint32))
save("uint64.npy", np.array([2**53, 3], dtype=np.uint64))

with open("object.npy", "wb") as f:  # unsupported on purpose: descr '|O'
    np.lib.format.write_array(f, np.array([1, "a"], dtype=object), allow_pickle=True)

members = {"x": ramp[:4].astype(np.float32).reshape(2, 2), "block/conv1/kernel": np.arange(3, dtype=np.int32),
           "flag": np.array([True, False])}
np.savez("savez.npz", **members)
np.savez_compressed("savez_compressed.npz", **members)
for key, array in members.items():
    record(f"npz:{key}", array)

with open("expected.json", "w") as f:
    json.dump({"numpy": np.__version__, "arrays": ARRAYS}, f, indent=1, sort_keys=True)
    f.write("\n")
