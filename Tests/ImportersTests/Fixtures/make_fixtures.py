"""Regenerates the importer fixtures with real Keras 3 and tf.keras 2 (tf_keras).

    PYTHONPATH=<folder with tf_keras 2.21> <venv>/bin/python make_fixtures.py   (the venv of scripts/setup-python.sh)

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


def layer_zoo():
    inp = keras.Input((13, 11, 3), name="img")
    x = L.Normalization(name="norm", mean=[0.1, 0.2, 0.3], variance=[1., 2., 3.])(inp)
    x = L.Rescaling(0.5, offset=0.1, name="resc")(x)
    x = L.ZeroPadding2D(((1, 2), (0, 1)), name="zpad")(x)
    x = L.Conv2D(6, 3, strides=2, padding="same", activation="relu6", name="conv_s2")(x)
    x = L.BatchNormalization(name="bn", scale=False)(x)
    a = L.DepthwiseConv2D(3, padding="same", depth_multiplier=2, activation="swish", name="dw")(x)
    b = L.SeparableConv2D(12, 3, padding="same", activation="tanh", name="sep")(x)
    x = L.Add(name="add")([a, b])
    x = L.Subtract(name="sub")([x, a])
    x = L.Multiply(name="mul")([x, b])
    x = L.Average(name="avg")([x, a, b])
    x = L.Maximum(name="max")([x, a])
    x = L.ReLU(max_value=4.0, negative_slope=0.1, threshold=0.2, name="relu_full")(x)
    x = L.LeakyReLU(negative_slope=0.2, name="lrelu")(x)
    x = L.ELU(alpha=0.7, name="elu")(x)
    x = L.PReLU(name="prelu")(x)
    c = L.MaxPooling2D(3, strides=2, padding="same", name="maxpool")(x)
    d = L.AveragePooling2D(3, strides=2, padding="same", name="avgpool")(x)
    x = L.Concatenate(name="concat")([c, d])
    x = L.Conv2DTranspose(5, 3, strides=2, padding="same", activation="sigmoid", name="tconv")(x)
    x = L.Cropping2D(((1, 0), (0, 1)), name="crop")(x)
    x = L.UpSampling2D(2, name="up")(x)
    x = L.LayerNormalization(name="ln")(x)
    x = L.Activation("gelu", name="gelu")(x)
    x = L.Conv2D(4, (2, 3), dilation_rate=2, padding="valid", activation="elu", name="dil")(x)
    x = L.Dense(7, activation="hard_sigmoid", name="dense4d")(x)
    x = L.Permute((2, 1, 3), name="perm")(x)
    y = L.GlobalMaxPooling2D(name="gmp")(x)
    x = L.Flatten(name="flat")(x)
    x = L.Dropout(0.5, name="drop")(x)
    x = L.Dense(10, name="fc")(x)
    x = L.Concatenate(name="cat2")([x, y])
    x = L.Reshape((17, 1), name="resh")(x)
    x = L.Flatten(name="flat2")(x)
    x = L.Softmax(name="softmax")(x)
    return keras.Model(inp, x, name="zoo_a")



def make_layer_zoo():
    """layers.keras: one model using every layer rule; layers.npz: its input and what Keras
    computes for every layer on it (keys: layer names)."""
    keras.utils.set_random_seed(3)
    m = layer_zoo()
    rng = np.random.default_rng(3)
    for layer in m.layers:
        ws = layer.get_weights()
        if isinstance(layer, L.BatchNormalization):
            layer.set_weights([rng.uniform(-.5, .5, w.shape) if i == 0 else rng.uniform(0.5, 2, w.shape) for i, w in enumerate(ws)])
        if isinstance(layer, (L.PReLU, L.LayerNormalization)):
            layer.set_weights([rng.uniform(0.5, 1.5, w.shape) if isinstance(layer, L.LayerNormalization) else rng.uniform(-.5, .5, w.shape) for w in ws])
    m.save("layers.keras")
    x = rng.uniform(-1, 1, (1, 13, 11, 3)).astype(np.float32)
    names = [l.name for l in m.layers if not isinstance(l, L.InputLayer)]
    outs = keras.Model(m.inputs, [m.get_layer(n).output for n in names]).predict(x, verbose=0)
    np.savez("layers.npz", input=x, **dict(zip(names, outs)))


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
    make_layer_zoo()
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
