import ModelGraph

/// One parameter of an ATen operator schema, and how the aten dialect carries it.
///
/// Tensor parameters become `Node.inputs` slots in schema order (`""` when `None`, or when a
/// Python number stands in a `Tensor` slot, as in `add.Tensor(x, 3)` — the number is then the
/// attribute of that name). Every other parameter becomes an attribute named after it; `None`
/// leaves the attribute out.
struct ATenParameter: Sendable {
  enum Kind: Sendable { case tensor, optionalTensor, tensorList, value }
  enum Default: Sendable { case required, none, value(Attribute) }

  let name: String
  let kind: Kind
  let defaultValue: Default

  static func tensor(_ name: String) -> Self { Self(name: name, kind: .tensor, defaultValue: .required) }
  static func optionalTensor(_ name: String) -> Self { Self(name: name, kind: .optionalTensor, defaultValue: .none) }
  static func tensors(_ name: String) -> Self { Self(name: name, kind: .tensorList, defaultValue: .required) }
  static func value(_ name: String) -> Self { Self(name: name, kind: .value, defaultValue: .required) }
  static func value(_ name: String, _ defaultValue: Attribute?) -> Self {
    Self(name: name, kind: .value, defaultValue: defaultValue.map { .value($0) } ?? .none)
  }
}

/// The parameters of one ATen overload (`conv2d.default`), as `torch.ops.aten.<op>._schema` prints them.
struct ATenSchema: Sendable {
  let op: String
  let parameters: [ATenParameter]

  init(_ op: String, _ parameters: [ATenParameter]) {
    self.op = op
    self.parameters = parameters
  }
}

extension ATenSchema {
  /// The overloads whose omitted trailing arguments the importer fills in, sorted by name.
  /// Booleans are `.int(0/1)`; `Scalar` defaults are written as they print (`alpha=1`).
  static let all: [ATenSchema] = [
    ATenSchema("_adaptive_avg_pool2d.default", [.tensor("self"), .value("output_size")]),
    ATenSchema("_log_softmax.default", [.tensor("self"), .value("dim"), .value("half_to_float")]),
    ATenSchema("_native_batch_norm_legit_no_training.default", [
      .tensor("input"), .optionalTensor("weight"), .optionalTensor("bias"), .tensor("running_mean"),
      .tensor("running_var"), .value("momentum"), .value("eps"),
    ]),
    ATenSchema("_softmax.default", [.tensor("self"), .value("dim"), .value("half_to_float")]),
    ATenSchema("_unsafe_view.default", [.tensor("self"), .value("size")]),
    ATenSchema("adaptive_avg_pool2d.default", [.tensor("self"), .value("output_size")]),
    ATenSchema("add.Scalar", [.tensor("self"), .value("other"), .value("alpha", .int(1))]),
    ATenSchema("add.Tensor", [.tensor("self"), .tensor("other"), .value("alpha", .int(1))]),
    ATenSchema("add_.Tensor", [.tensor("self"), .tensor("other"), .value("alpha", .int(1))]),
    ATenSchema("addmm.default", [
      .tensor("self"), .tensor("mat1"), .tensor("mat2"), .value("beta", .int(1)), .value("alpha", .int(1)),
    ]),
    ATenSchema("alias.default", [.tensor("self")]),
    ATenSchema("avg_pool2d.default", [
      .tensor("self"), .value("kernel_size"), .value("stride", .ints([])), .value("padding", .ints([0, 0])),
      .value("ceil_mode", .int(0)), .value("count_include_pad", .int(1)), .value("divisor_override", nil),
    ]),
    ATenSchema("batch_norm.default", [
      .tensor("input"), .optionalTensor("weight"), .optionalTensor("bias"), .optionalTensor("running_mean"),
      .optionalTensor("running_var"), .value("training"), .value("momentum"), .value("eps"),
      .value("cudnn_enabled"),
    ]),
    ATenSchema("cat.default", [.tensors("tensors"), .value("dim", .int(0))]),
    ATenSchema("clamp.default", [.tensor("self"), .value("min", nil), .value("max", nil)]),
    ATenSchema("clamp_.default", [.tensor("self"), .value("min", nil), .value("max", nil)]),
    ATenSchema("clamp_max.default", [.tensor("self"), .value("max")]),
    ATenSchema("clamp_min.default", [.tensor("self"), .value("min")]),
    ATenSchema("clone.default", [.tensor("self"), .value("memory_format", nil)]),
    ATenSchema("constant_pad_nd.default", [.tensor("self"), .value("pad"), .value("value", .int(0))]),
    ATenSchema("contiguous.default", [.tensor("self"), .value("memory_format", .int(0))]),
    ATenSchema("conv2d.default", [
      .tensor("input"), .tensor("weight"), .optionalTensor("bias"), .value("stride", .ints([1, 1])),
      .value("padding", .ints([0, 0])), .value("dilation", .ints([1, 1])), .value("groups", .int(1)),
    ]),
    ATenSchema("convolution.default", [
      .tensor("input"), .tensor("weight"), .optionalTensor("bias"), .value("stride"), .value("padding"),
      .value("dilation"), .value("transposed"), .value("output_padding"), .value("groups"),
    ]),
    ATenSchema("detach.default", [.tensor("self")]),
    ATenSchema("div.Scalar", [.tensor("self"), .value("other")]),
    ATenSchema("div.Tensor", [.tensor("self"), .tensor("other")]),
    ATenSchema("div_.Tensor", [.tensor("self"), .tensor("other")]),
    ATenSchema("dropout.default", [.tensor("input"), .value("p"), .value("train")]),
    ATenSchema("dropout_.default", [.tensor("self"), .value("p"), .value("train")]),
    ATenSchema("flatten.using_ints", [.tensor("self"), .value("start_dim", .int(0)), .value("end_dim", .int(-1))]),
    ATenSchema("hardsigmoid.default", [.tensor("self")]),
    ATenSchema("hardsigmoid_.default", [.tensor("self")]),
    ATenSchema("hardswish.default", [.tensor("self")]),
    ATenSchema("hardswish_.default", [.tensor("self")]),
    ATenSchema("hardtanh.default", [.tensor("self"), .value("min_val", .int(-1)), .value("max_val", .int(1))]),
    ATenSchema("hardtanh_.default", [.tensor("self"), .value("min_val", .int(-1)), .value("max_val", .int(1))]),
    ATenSchema("linear.default", [.tensor("input"), .tensor("weight"), .optionalTensor("bias")]),
    ATenSchema("log_softmax.int", [.tensor("self"), .value("dim"), .value("dtype", nil)]),
    ATenSchema("matmul.default", [.tensor("self"), .tensor("other")]),
    ATenSchema("max_pool2d.default", [
      .tensor("self"), .value("kernel_size"), .value("stride", .ints([])), .value("padding", .ints([0, 0])),
      .value("dilation", .ints([1, 1])), .value("ceil_mode", .int(0)),
    ]),
    ATenSchema("max_pool2d_with_indices.default", [
      .tensor("self"), .value("kernel_size"), .value("stride", .ints([])), .value("padding", .ints([0, 0])),
      .value("dilation", .ints([1, 1])), .value("ceil_mode", .int(0)),
    ]),
    ATenSchema("mean.dim", [.tensor("self"), .value("dim", nil), .value("keepdim", .int(0)), .value("dtype", nil)]),
    ATenSchema("mm.default", [.tensor("self"), .tensor("mat2")]),
    ATenSchema("mul.Scalar", [.tensor("self"), .value("other")]),
    ATenSchema("mul.Tensor", [.tensor("self"), .tensor("other")]),
    ATenSchema("mul_.Tensor", [.tensor("self"), .tensor("other")]),
    ATenSchema("pad.default", [
      .tensor("self"), .value("pad"), .value("mode", .string("constant")), .value("value", nil),
    ]),
    ATenSchema("permute.default", [.tensor("self"), .value("dims")]),
    ATenSchema("relu.default", [.tensor("self")]),
    ATenSchema("relu6.default", [.tensor("self")]),
    ATenSchema("relu_.default", [.tensor("self")]),
    ATenSchema("reshape.default", [.tensor("self"), .value("shape")]),
    ATenSchema("sigmoid.default", [.tensor("self")]),
    ATenSchema("sigmoid_.default", [.tensor("self")]),
    ATenSchema("silu.default", [.tensor("self")]),
    ATenSchema("silu_.default", [.tensor("self")]),
    ATenSchema("softmax.int", [.tensor("self"), .value("dim"), .value("dtype", nil)]),
    ATenSchema("squeeze.default", [.tensor("self")]),
    ATenSchema("squeeze.dim", [.tensor("self"), .value("dim")]),
    ATenSchema("squeeze.dims", [.tensor("self"), .value("dim")]),
    ATenSchema("sub.Scalar", [.tensor("self"), .value("other"), .value("alpha", .int(1))]),
    ATenSchema("sub.Tensor", [.tensor("self"), .tensor("other"), .value("alpha", .int(1))]),
    ATenSchema("sub_.Tensor", [.tensor("self"), .tensor("other"), .value("alpha", .int(1))]),
    ATenSchema("t.default", [.tensor("self")]),
    ATenSchema("transpose.int", [.tensor("self"), .value("dim0"), .value("dim1")]),
    ATenSchema("unsqueeze.default", [.tensor("self"), .value("dim")]),
    ATenSchema("view.default", [.tensor("self"), .value("size")]),
  ]

  static let byOp: [String: ATenSchema] = Dictionary(uniqueKeysWithValues: all.map { ($0.op, $0) })
}
