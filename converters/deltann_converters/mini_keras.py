"""Miniature Keras versions of the four architectures' blocks, for golden/.

Each follows keras.applications' own code for its architecture (layer types, names, epsilons,
padding), scaled down to a few channels and a small input, so that together they use every
layer type of MobileNetV2, ResNet101V2, DenseNet121 and InceptionV3.
"""

from typing import Any

import numpy as np

from . import batchnorm


def mobilenet_mini(layers: Any, keras: Any) -> Any:
    """MobileNetV2: stride-2 "same" stem, inverted residuals (ReLU6, depthwise), ZeroPadding2D +
    stride-2 "valid" depthwise, a residual Add, 1x1 head, GAP, Dense softmax."""
    inputs = keras.Input((24, 24, 3), name="input")
    x = layers.Conv2D(8, 3, strides=2, padding="same", use_bias=False, name="Conv1")(inputs)
    x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999, name="bn_Conv1")(x)
    x = layers.ReLU(6.0, name="Conv1_relu")(x)

    def block(x: Any, expansion: int, filters: int, stride: int, index: int) -> Any:
        prefix = f"block_{index}_"
        shortcut, channels = x, x.shape[-1]
        if expansion > 1:
            x = layers.Conv2D(expansion * channels, 1, padding="same", use_bias=False, name=prefix + "expand")(x)
            x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999, name=prefix + "expand_BN")(x)
            x = layers.ReLU(6.0, name=prefix + "expand_relu")(x)
        if stride == 2:
            x = layers.ZeroPadding2D(((0, 1), (0, 1)), name=prefix + "pad")(x)  # imagenet_utils.correct_pad
        x = layers.DepthwiseConv2D(3, strides=stride, use_bias=False, padding="same" if stride == 1 else "valid",
                                   name=prefix + "depthwise")(x)
        x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999, name=prefix + "depthwise_BN")(x)
        x = layers.ReLU(6.0, name=prefix + "depthwise_relu")(x)
        x = layers.Conv2D(filters, 1, padding="same", use_bias=False, name=prefix + "project")(x)
        x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999, name=prefix + "project_BN")(x)
        if stride == 1 and channels == filters:
            x = layers.Add(name=prefix + "add")([shortcut, x])
        return x

    x = block(x, 1, 8, 1, 0)
    x = block(x, 3, 12, 2, 1)
    x = block(x, 3, 12, 1, 2)
    x = layers.Conv2D(32, 1, use_bias=False, name="Conv_1")(x)
    x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999, name="Conv_1_bn")(x)
    x = layers.ReLU(6.0, name="out_relu")(x)
    x = layers.GlobalAveragePooling2D(name="global_average_pooling2d")(x)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="mobilenet_mini")


def resnet_mini(layers: Any, keras: Any) -> Any:
    """ResNet101V2: ZeroPadding2D + 7x7/2 conv, ZeroPadding2D + MaxPooling2D, pre-activation
    bottlenecks with conv, identity and MaxPooling2D shortcuts, post BN+ReLU, GAP, Dense softmax."""
    eps = 1.001e-5
    inputs = keras.Input((32, 32, 3), name="input")
    x = layers.ZeroPadding2D(((3, 3), (3, 3)), name="conv1_pad")(inputs)
    x = layers.Conv2D(8, 7, strides=2, use_bias=True, name="conv1_conv")(x)
    x = layers.ZeroPadding2D(((1, 1), (1, 1)), name="pool1_pad")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)

    def block(x: Any, filters: int, stride: int, conv_shortcut: bool, name: str) -> Any:
        preact = layers.BatchNormalization(epsilon=eps, name=name + "_preact_bn")(x)
        preact = layers.Activation("relu", name=name + "_preact_relu")(preact)
        if conv_shortcut:
            shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=name + "_0_conv")(preact)
        else:
            shortcut = layers.MaxPooling2D(1, strides=stride, name=name + "_0_pool")(x) if stride > 1 else x
        x = layers.Conv2D(filters, 1, strides=1, use_bias=False, name=name + "_1_conv")(preact)
        x = layers.BatchNormalization(epsilon=eps, name=name + "_1_bn")(x)
        x = layers.Activation("relu", name=name + "_1_relu")(x)
        x = layers.ZeroPadding2D(((1, 1), (1, 1)), name=name + "_2_pad")(x)
        x = layers.Conv2D(filters, 3, strides=stride, use_bias=False, name=name + "_2_conv")(x)
        x = layers.BatchNormalization(epsilon=eps, name=name + "_2_bn")(x)
        x = layers.Activation("relu", name=name + "_2_relu")(x)
        x = layers.Conv2D(4 * filters, 1, name=name + "_3_conv")(x)
        return layers.Add(name=name + "_out")([shortcut, x])

    x = block(x, 4, 1, True, "conv2_block1")
    x = block(x, 4, 1, False, "conv2_block2")
    x = block(x, 4, 2, False, "conv2_block3")
    x = layers.BatchNormalization(epsilon=eps, name="post_bn")(x)
    x = layers.Activation("relu", name="post_relu")(x)
    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="resnet_mini")


def densenet_mini(layers: Any, keras: Any) -> Any:
    """DenseNet121: stem, dense blocks (BN-ReLU-1x1-BN-ReLU-3x3, Concatenate), a transition with
    AveragePooling2D, final BN+ReLU, GAP, Dense softmax."""
    eps = 1.001e-5
    inputs = keras.Input((32, 32, 3), name="input")
    x = layers.ZeroPadding2D(((3, 3), (3, 3)), name="zero_padding2d")(inputs)
    x = layers.Conv2D(8, 7, strides=2, use_bias=False, name="conv1_conv")(x)
    x = layers.BatchNormalization(epsilon=eps, name="conv1_bn")(x)
    x = layers.Activation("relu", name="conv1_relu")(x)
    x = layers.ZeroPadding2D(((1, 1), (1, 1)), name="zero_padding2d_1")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1")(x)

    def conv_block(x: Any, growth: int, name: str) -> Any:
        y = layers.BatchNormalization(epsilon=eps, name=name + "_0_bn")(x)
        y = layers.Activation("relu", name=name + "_0_relu")(y)
        y = layers.Conv2D(4 * growth, 1, use_bias=False, name=name + "_1_conv")(y)
        y = layers.BatchNormalization(epsilon=eps, name=name + "_1_bn")(y)
        y = layers.Activation("relu", name=name + "_1_relu")(y)
        y = layers.Conv2D(growth, 3, padding="same", use_bias=False, name=name + "_2_conv")(y)
        return layers.Concatenate(axis=3, name=name + "_concat")([x, y])

    def transition(x: Any, name: str) -> Any:
        x = layers.BatchNormalization(epsilon=eps, name=name + "_bn")(x)
        x = layers.Activation("relu", name=name + "_relu")(x)
        x = layers.Conv2D(x.shape[-1] // 2, 1, use_bias=False, name=name + "_conv")(x)
        return layers.AveragePooling2D(2, strides=2, name=name + "_pool")(x)

    x = conv_block(x, 4, "conv2_block1")
    x = conv_block(x, 4, "conv2_block2")
    x = transition(x, "pool2")
    x = conv_block(x, 4, "conv3_block1")
    x = conv_block(x, 4, "conv3_block2")
    x = layers.BatchNormalization(epsilon=eps, name="bn")(x)
    x = layers.Activation("relu", name="relu")(x)
    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="densenet_mini")


def inception_mini(layers: Any, keras: Any) -> Any:
    """InceptionV3: "valid" stride-2 convs, BN with scale=False, MaxPooling2D, an inception-A
    module with "same" 3x3/1 AveragePooling2D, a reduction module, a 1x7/7x1 module, Concatenate,
    GAP, Dense softmax."""
    counter = iter(range(1000))

    def conv2d_bn(x: Any, filters: int, rows: int, cols: int, padding: str = "same",
                  strides: tuple[int, int] = (1, 1)) -> Any:
        n = next(counter)
        suffix = f"_{n}" if n else ""
        x = layers.Conv2D(filters, (rows, cols), strides=strides, padding=padding, use_bias=False,
                          name="conv2d" + suffix)(x)
        x = layers.BatchNormalization(axis=3, scale=False, name="batch_normalization" + suffix)(x)
        return layers.Activation("relu", name="activation" + suffix)(x)

    inputs = keras.Input((35, 35, 3), name="input")
    x = conv2d_bn(inputs, 8, 3, 3, strides=(2, 2), padding="valid")
    x = conv2d_bn(x, 8, 3, 3, padding="valid")
    x = conv2d_bn(x, 8, 3, 3)
    x = layers.MaxPooling2D((3, 3), strides=(2, 2), name="max_pooling2d")(x)

    branch1x1 = conv2d_bn(x, 4, 1, 1)
    branch5x5 = conv2d_bn(conv2d_bn(x, 4, 1, 1), 4, 5, 5)
    branch3x3dbl = conv2d_bn(conv2d_bn(conv2d_bn(x, 4, 1, 1), 4, 3, 3), 4, 3, 3)
    branch_pool = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same", name="average_pooling2d")(x)
    branch_pool = conv2d_bn(branch_pool, 4, 1, 1)
    x = layers.Concatenate(axis=3, name="mixed0")([branch1x1, branch5x5, branch3x3dbl, branch_pool])

    branch3x3 = conv2d_bn(x, 8, 3, 3, strides=(2, 2), padding="valid")
    branch3x3dbl = conv2d_bn(conv2d_bn(conv2d_bn(x, 4, 1, 1), 4, 3, 3), 4, 3, 3, strides=(2, 2), padding="valid")
    branch_pool = layers.MaxPooling2D((3, 3), strides=(2, 2), name="max_pooling2d_1")(x)
    x = layers.Concatenate(axis=3, name="mixed1")([branch3x3, branch3x3dbl, branch_pool])

    branch1x1 = conv2d_bn(x, 4, 1, 1)
    branch7x7 = conv2d_bn(conv2d_bn(conv2d_bn(x, 4, 1, 1), 4, 1, 7), 4, 7, 1)
    branch7x7dbl = conv2d_bn(x, 4, 1, 1)
    for rows, cols in ((7, 1), (1, 7), (7, 1), (1, 7)):
        branch7x7dbl = conv2d_bn(branch7x7dbl, 4, rows, cols)
    branch_pool = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same", name="average_pooling2d_1")(x)
    branch_pool = conv2d_bn(branch_pool, 4, 1, 1)
    x = layers.Concatenate(axis=3, name="mixed2")([branch1x1, branch7x7, branch7x7dbl, branch_pool])

    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name="inception_mini")


MODELS = {"mobilenet_mini": mobilenet_mini, "resnet_mini": resnet_mini,
          "densenet_mini": densenet_mini, "inception_mini": inception_mini}


def randomize(model: Any, rng: np.random.Generator) -> Any:
    """Seeded, non-trivial values for every weight: He-normal kernels, biases ~ N(0, 0.2), and
    BatchNormalization values from `batchnorm.statistic`, so that a changed epsilon or swapped
    mean/variance changes the outputs."""
    for layer in model.layers:
        values = []
        for weight in layer.weights:
            shape, role = tuple(weight.shape), weight.path.split("/")[-1]
            if role in ("kernel", "depthwise_kernel"):
                fan_in = np.prod(shape[:-1]) if role == "kernel" else np.prod(shape[:2])
                value = rng.normal(0.0, np.sqrt(2.0 / fan_in), shape)
            elif role == "bias":
                value = rng.normal(0.0, 0.2, shape)
            elif role in batchnorm.ROLES:
                value = batchnorm.statistic(role, shape, rng)
            else:
                raise ValueError(f"{layer.name}: no rule for weight '{weight.path}'")
            values.append(value.astype("float32"))
        if values:
            layer.set_weights(values)
    return model
