"""Regenerates the importer fixtures with real Keras 3 and tf.keras 2 (tf_keras).

    PYTHONPATH=<folder with tf_keras 2.21> /work/venv/bin/python make_fixtures.py

Writes tiny.keras, tiny.h5 (Keras 3) and tiny_tfkeras2.h5 (tf.keras 2 layout, same weights), and
tiny.expected.json: what Keras itself says the model is (layers with qualified names and class,
weights with shape and sum), the truth the importer tests compare against.
"""
import json
import numpy as np
import keras
from keras import layers as L


def build(K, Lx):
    inp = K.Input((8, 8, 3), name="img")
    x = Lx.Conv2D(4, 3, padding="same", strides=2, activation="relu", name="c1")(inp)
    x = Lx.BatchNormalization(name="bn")(x)
    y = Lx.DepthwiseConv2D(3, padding="same", name="dw")(x)
    x = Lx.Add(name="add")([x, y])
    sub = K.Sequential([Lx.Conv2D(2, 1, name="pw"), Lx.ReLU(max_value=6.0, name="r6")], name="sub")
    x = sub(x)
    x = Lx.GlobalAveragePooling2D(name="gap")(x)
    x = Lx.Dense(3, activation="softmax", name="fc")(x)
    return K.Model(inp, x, name="tiny")


def make_bad_inputs():
    """Broken copies of tiny.keras / tiny.h5 for the typed-error tests."""
    import shutil
    import zipfile
    import h5py

    with zipfile.ZipFile("tiny.keras") as src:
        members = {n: src.read(n) for n in src.namelist()}
    with zipfile.ZipFile("bad_config.keras", "w") as z:
        for n, data in members.items():
            z.writestr(n, b"{ this is not JSON" if n == "config.json" else data)
    with open("weights.tmp.h5", "wb") as f:
        f.write(members["model.weights.h5"])
    with h5py.File("weights.tmp.h5", "a") as h:
        del h["layers/conv2d"]  # the weights of layer c1
    with zipfile.ZipFile("missing_layer.keras", "w") as z:
        for n, data in members.items():
            z.writestr(n, open("weights.tmp.h5", "rb").read() if n == "model.weights.h5" else data)
    shutil.copy("tiny.h5", "wrong_shape.h5")
    with h5py.File("wrong_shape.h5", "a") as h:
        del h["model_weights/fc/fc/kernel"]
        h["model_weights/fc/fc/kernel"] = np.zeros((5, 3), dtype=np.float32)
    import os
    os.remove("weights.tmp.h5")


def main():
    keras.utils.set_random_seed(1)
    m = build(keras, L)
    # Non-trivial BatchNormalization statistics, so moving_mean/variance are told apart.
    bn = m.get_layer("bn")
    bn.set_weights([np.linspace(0.5, 1.5, 4), np.linspace(-1, 1, 4), np.linspace(0.1, 0.4, 4), np.linspace(1, 2, 4)])
    m.save("tiny.keras")
    m.save("tiny.h5")
    expected = {"layers": [], "weights": {}}

    def walk(model, prefix):
        for layer in model.layers:
            name = prefix + layer.name
            if isinstance(layer, keras.Model):
                walk(layer, name + "/")
            expected["layers"].append({"name": name, "class": layer.__class__.__name__})
            if not isinstance(layer, keras.Model):
                for w in layer.weights:
                    v = np.asarray(w.numpy(), dtype=np.float64)
                    expected["weights"][name + "/" + w.path.split("/")[-1]] = {"shape": list(v.shape), "sum": float(v.sum())}

    walk(m, "")
    make_bad_inputs()
    with open("tiny.expected.json", "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
    try:
        import tf_keras
    except ImportError:
        print("tf_keras not importable: tiny_tfkeras2.h5 not regenerated")
        return
    m2 = build(tf_keras, tf_keras.layers)
    m2.set_weights(m.get_weights())
    m2.save("tiny_tfkeras2.h5", save_format="h5")


if __name__ == "__main__":
    main()
