import ModelGraph

/// 2-D max pooling, explicit pads `[top, left, bottom, right]` → `R.nn.max_pool2d`.
struct MaxPool: RelaxOp {
  static let opType = "MaxPool"
  static func emit(_ node: Node, into builder: inout RelaxBuilder) throws(TVMError) {
    try node.require("storage_order", is: 0, default: 0, file: builder.file)
    builder.bind(node, "R.nn.max_pool2d(\(try Pool2D.arguments(node, builder: &builder)))")
  }
}
