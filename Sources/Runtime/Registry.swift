import ModelGraph

/// Every kernel, sorted by op name then `since`. To add an op: write `Ops/<Op>.swift` and add
/// its type here, in order (see `Ops/README.md`).
let kernelTypes: [any Kernel.Type] = [
  Abs.self,
  Acos.self,
  Acosh.self,
  Add.self,
  And.self,
  ArgMax.self,
  ArgMin.self,
  Asin.self,
  Asinh.self,
  Atan.self,
  Atanh.self,
  AveragePool.self,
  BatchNormalization.self,
  BitShift.self,
  BlackmanWindow.self,
  Cast.self,
  CastLike.self,
  Ceil.self,
  Celu.self,
  Clip6.self,
  Clip11.self,
  Compress.self,
  Concat.self,
  Constant.self,
  ConstantOfShape.self,
  Conv.self,
  ConvInteger.self,
  ConvTranspose.self,
  Cos.self,
  Cosh.self,
  CumSum.self,
  DepthToSpace.self,
  DequantizeLinear.self,
  Det.self,
  Div.self,
  Dropout7.self,
  Dropout12.self,
  DynamicQuantizeLinear.self,
  Einsum.self,
  Elu.self,
  Equal.self,
  Erf.self,
  Exp.self,
  Expand.self,
  EyeLike.self,
  Flatten.self,
  Floor.self,
  Gather.self,
  GatherElements.self,
  GatherND.self,
  Gemm.self,
  GlobalAveragePool.self,
  GlobalMaxPool.self,
  Greater.self,
  GreaterOrEqual.self,
  GridSample.self,
  HammingWindow.self,
  HannWindow.self,
  HardSigmoid.self,
  HardSwish.self,
  Hardmax13.self,
  Identity.self,
  InstanceNormalization.self,
  IsInf.self,
  IsNaN.self,
  LRN.self,
  LayerNormalization.self,
  LeakyRelu.self,
  Less.self,
  LessOrEqual.self,
  Log.self,
  LogSoftmax1.self,
  LogSoftmax13.self,
  MatMul.self,
  MatMulInteger.self,
  Max.self,
  MaxPool.self,
  MaxUnpool.self,
  Mean.self,
  MeanVarianceNormalization.self,
  Min.self,
  Mod.self,
  Mul.self,
  Neg.self,
  NegativeLogLikelihoodLoss.self,
  NonMaxSuppression.self,
  NonZero.self,
  Not.self,
  OneHot.self,
  Or.self,
  PRelu.self,
  Pad2.self,
  Pad11.self,
  Pow.self,
  QLinearConv.self,
  QLinearMatMul.self,
  QuantizeLinear.self,
  Range11.self,
  Reciprocal.self,
  ReduceL1.self,
  ReduceL2.self,
  ReduceLogSum.self,
  ReduceLogSumExp.self,
  ReduceMax.self,
  ReduceMean.self,
  ReduceMin.self,
  ReduceProd.self,
  ReduceSum1.self,
  ReduceSum13.self,
  ReduceSumSquare.self,
  Relu.self,
  Reshape.self,
  Resize10.self,
  Resize11.self,
  ReverseSequence.self,
  Round.self,
  Scatter.self,
  ScatterElements.self,
  ScatterND.self,
  Selu.self,
  Shape1.self,
  Shape15.self,
  Shrink.self,
  Sigmoid.self,
  Sign.self,
  Sin.self,
  Sinh.self,
  Size.self,
  Slice1.self,
  Slice10.self,
  Softmax1.self,
  Softmax13.self,
  SoftmaxCrossEntropyLoss.self,
  Softplus.self,
  Softsign.self,
  SpaceToDepth.self,
  Split2.self,
  Split13.self,
  Sqrt.self,
  Squeeze1.self,
  Squeeze13.self,
  Sub.self,
  Sum.self,
  Tan.self,
  Tanh.self,
  ThresholdedRelu.self,
  Tile.self,
  TopK1.self,
  TopK10.self,
  Transpose.self,
  Trilu.self,
  Unique.self,
  Unsqueeze1.self,
  Unsqueeze13.self,
  Upsample7.self,
  Upsample9.self,
  Where.self,
  Xor.self,
]

/// Finds the kernel for a node: the largest `since ≤ opset` among kernels of its op.
enum Registry {
  /// Kernels by domain-qualified op name, ascending `since`.
  static let table: [String: [any Kernel.Type]] = {
    var table: [String: [any Kernel.Type]] = [:]
    for k in kernelTypes { table[qualified(k.key.op, k.key.domain), default: []].append(k) }
    return table.mapValues { $0.sorted { $0.key.since < $1.key.since } }
  }()

  /// Op names that have a kernel, sorted.
  static var supported: [String] {
    table.keys.sorted()
  }

  static func qualified(_ op: String, _ domain: String) -> String {
    domain.isEmpty || domain == "ai.onnx" ? op : "\(domain).\(op)"
  }

  static func kernel(op: String, domain: String, opset: Int) -> (any Kernel.Type)? {
    table[qualified(op, domain)]?.last { $0.key.since <= opset }
  }

  /// The opset a node's domain is imported at.
  static func opset(of domain: String, in opsets: [String: Int64]) -> Int {
    let key = domain == "ai.onnx" ? "" : domain
    return Int(opsets[key] ?? (key.isEmpty ? opsets["ai.onnx"] : nil) ?? 1)
  }

  /// Throws one error listing every op in `graph` without a kernel, and the nodes using it.
  static func checkSupported(_ graph: Graph, opsets: [String: Int64]) throws(RuntimeError) {
    var missing: [String: UnsupportedOp] = [:]
    var order: [String] = []
    for node in graph.nodes {
      let opset = opset(of: node.domain, in: opsets)
      guard kernel(op: node.opType, domain: node.domain, opset: opset) == nil else { continue }
      let name = qualified(node.opType, node.domain)
      if missing[name] == nil {
        order.append(name)
        missing[name] = UnsupportedOp(op: node.opType, domain: node.domain, opset: opset, nodes: [])
      }
      missing[name]?.nodes.append(node.name)
    }
    guard order.isEmpty else {
      throw .unsupportedOps(order.compactMap { missing[$0] }, supported: supported)
    }
  }
}
