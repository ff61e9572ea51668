/// Every Relax op (as `RelaxGraphReader` spells it: `relax.` dropped) we lower, and its rule; one
/// sorted list. `call_tir:<name>` are TOPI kernels TVM's ONNX frontend emits directly.
enum RelaxRules {
  static let all: [(op: String, rule: ATenRule)] = [
    ("DataflowVar", RelaxStructure.identity),
    ("TupleGetItem", RelaxStructure.getItem),
    ("add", RelaxBinary.add),
    ("call_tir:maximum", RelaxBinary.maximum),
    ("call_tir:minimum", RelaxBinary.minimum),
    ("call_tir:pad", RelaxPad.lower),
    ("clip", RelaxActivation.clip),
    ("concat", RelaxShape.concat),
    ("divide", RelaxBinary.divide),
    ("isnan", RelaxActivation.isnan),
    ("matmul", RelaxBinary.matmul),
    ("maximum", RelaxBinary.maximum),
    ("mean", RelaxPool.mean),
    ("minimum", RelaxBinary.minimum),
    ("multiply", RelaxBinary.multiply),
    ("nn.adaptive_avg_pool2d", RelaxPool.adaptiveAverage),
    ("nn.avg_pool2d", RelaxPool.average),
    ("nn.batch_norm", RelaxBatchNorm.lower),
    ("nn.conv2d", RelaxConv2D.lower),
    ("nn.leakyrelu", RelaxActivation.leakyRelu),
    ("nn.max_pool2d", RelaxPool.max),
    ("nn.pad", RelaxPad.lower),
    ("nn.relu", RelaxActivation.relu),
    ("nn.softmax", RelaxActivation.softmax),
    ("permute_dims", RelaxShape.permuteDims),
    ("reshape", RelaxShape.reshape),
    ("sigmoid", RelaxActivation.sigmoid),
    ("squeeze", RelaxShape.squeeze),
    ("subtract", RelaxBinary.subtract),
    ("tanh", RelaxActivation.tanh),
    ("where", RelaxBinary.where),
  ]

  static let byOp: [String: ATenRule] = Dictionary(uniqueKeysWithValues: all.map { ($0.op, $0.rule) })
}
