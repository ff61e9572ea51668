# DeltaNN TVM form of small: Relax TVMScript. main takes the input(s),
# then every weight as a parameter; their values are in params.npz under the parameter names.
# from tvm.script import ir as I
# from tvm.script import relax as R
# from tvm.script import tirx as T

@I.ir_module
class Module:
    @R.function
    def main(input: R.Tensor((1, 3, 8, 8), dtype="float32"), block_conv_W: R.Tensor((2, 3, 3, 3), dtype="float32"), block_conv_B: R.Tensor((2,), dtype="float32"), bn_scale: R.Tensor((2,), dtype="float32"), bn_B: R.Tensor((2,), dtype="float32"), bn_mean: R.Tensor((2,), dtype="float32"), bn_var: R.Tensor((2,), dtype="float32"), fc_W: R.Tensor((4, 2), dtype="float32"), fc_B: R.Tensor((4,), dtype="float32")):
        R.func_attr({"num_input": 1})
        with R.dataflow():
            pad = R.nn.pad(input, pad_width=[0, 0, 0, 0, 1, 0, 1, 0], pad_mode="constant", pad_value=0.0)
            block_conv__conv = R.nn.conv2d(pad, block_conv_W, strides=[2, 2], padding=[0, 0, 1, 1], dilation=[1, 1], groups=1, data_layout="NCHW", kernel_layout="OIHW")
            block_conv__bias = R.reshape(block_conv_B, R.shape([1, 2, 1, 1]))
            block_conv = R.add(block_conv__conv, block_conv__bias)
            bn__tuple = R.nn.batch_norm(block_conv, bn_scale, bn_B, bn_mean, bn_var, axis=1, epsilon=0.001, center=True, scale=True, training=False)
            bn = bn__tuple[0]
            relu = R.clip(bn, R.prim_value(T.float32(0.0)), R.prim_value(T.float32(3.4028234663852886e+38)))
            pool = R.nn.max_pool2d(relu, pool_size=[2, 2], strides=[2, 2], padding=[0, 0, 0, 0], dilation=[1, 1], ceil_mode=False, layout="NCHW")
            gap = R.nn.adaptive_avg_pool2d(pool, output_size=[1, 1], layout="NCHW")
            flatten = R.reshape(gap, R.shape([1, -1]))
            fc__b_t = R.permute_dims(fc_W, axes=[1, 0])
            fc__product = R.matmul(flatten, fc__b_t)
            fc = R.add(fc__product, fc_B)
            probs = R.nn.softmax(fc, axis=1)
            R.output(probs)
        return probs
