import ModelGraph

/// One unit of compute described without its framework's spelling: a convolution with its
/// kernel in OIHW order and its *effective* padding, a dense layer with its weight as
/// `[out, in]`, an activation with its parameters. Both sides of a verification are lifted to
/// steps, normalised (fusions, no-ops removed) and then matched and compared step by step.
struct Step: Sendable {
  enum Kind: String, Sendable, Hashable {
    case conv, dense, batchNorm, affine, activation, softmax, pool, globalPool
    case add, sub, mul, div, concat, pad, transpose, reshape, identity, resize, matmul, reduce, other
  }

  var kind: Kind
  /// The source layer (source side) or the first node's name (candidate side).
  var layer: String
  /// Other layers folded into this step (a source-side ZeroPadding2D merged into its conv).
  var mergedLayers: [String] = []
  /// Graph nodes this step was lifted from.
  var nodes: [String]
  /// The op as spelled in its graph (`Conv2D`, `Conv`, `MatMul+Add`).
  var opType: String
  /// Data inputs (constants and weights excluded) and outputs.
  var inputs: [String]
  var outputs: [String]

  // Convolution and pooling geometry, spatial axes only.
  var kernel: [Int] = []
  var strides: [Int] = []
  var dilations: [Int] = []
  var groups = 1
  /// Explicit begin/end pads `[top, left, bottom, right]`; `nil` with `samePadding` set when
  /// the pads depend on the input size (TF "same", ONNX `SAME_UPPER`).
  var pads: [Int]? = []
  var samePadding: SamePadding? = nil
  var ceilMode = false
  var countIncludePad = false
  var poolType = ""

  var activation: StepActivation? = nil
  var epsilon: Float? = nil
  /// Axis for softmax/concat, in the step's own tensor numbering (non-negative when the rank is known).
  var axis: Int? = nil
  var rank: Int? = nil
  var perm: [Int]? = nil
  /// True when the op reads its data channels-last (Keras default).
  var channelsLast = false

  /// Weights in canonical layout: `W` (conv OIHW, dense [out, in]), `B`, and for
  /// BatchNormalization `gamma`, `beta`, `mean`, `var`; `scale`/`shift` for an affine step.
  var weights: [String: WeightRef] = [:]
  /// Rewrites performed while lifting this step (fusions), listed if the other side lacks them.
  var rewrites: [RewriteKind] = []
  /// Layout of the data input: axis i of the step's view is axis `inputPerm[i]` of the
  /// graph's input (rank-4 data only). Set by `Layout.propagate`.
  var inputPerm: [Int]? = nil
  /// For rank-2 data flattened from a rank-4 tensor with spatial extent: the layout it was
  /// flattened in (the element order of the features).
  var flatOrder: [Int]? = nil
  /// Rank-4 data inputs that carry the graph input's axes in different orders on axes longer
  /// than 1 (a missing or extra transpose on one branch before an elementwise op or concat).
  var mixedInputLayouts = false
  /// Padding absorbed from a preceding pad step, already added into `pads`.
  var absorbedPad: [Int]? = nil
  /// For ops without a dedicated model (LayerNormalization, ConvTranspose, Resize, Selu, …):
  /// their attributes and constant operands, compared as they are.
  var generic: GenericOp? = nil

  init(_ kind: Kind, layer: String, nodes: [String], opType: String, inputs: [String], outputs: [String]) {
    self.kind = kind
    self.layer = layer
    self.nodes = nodes
    self.opType = opType
    self.inputs = inputs
    self.outputs = outputs
  }

  /// Steps that compute something; the rest only move data around.
  var isCompute: Bool {
    switch kind {
    case .transpose, .reshape, .identity: false
    case .pad: pads != nil
    case .activation: activation != .linear
    default: true
    }
  }
}

enum SamePadding: String, Sendable { case upper, lower }

/// The elementwise nonlinearity a lifted `Step` applies, with its parameters, in framework-neutral
/// terms.
enum StepActivation: Sendable, Hashable, CustomStringConvertible {
  case linear, relu, sigmoid, tanh, swish, gelu, softplus, softsign, exp, hardSwish
  case clip(min: Float, max: Float)
  case leakyRelu(alpha: Float)
  case elu(alpha: Float)
  case hardSigmoid(alpha: Float, beta: Float)
  /// `PRelu`: the slopes are the step's `slope` weight.
  case prelu
  case other(String)

  var description: String {
    switch self {
    case .clip(let lo, let hi): "Clip(\(fmt(lo)), \(fmt(hi)))" + (lo == 0 && hi == 6 ? " (ReLU6)" : "")
    case .leakyRelu(let a): "LeakyRelu(alpha \(fmt(a)))"
    case .elu(let a): "Elu(alpha \(fmt(a)))"
    case .hardSigmoid(let a, let b): "HardSigmoid(\(fmt(a)), \(fmt(b)))"
    case .other(let s): s
    default: name
    }
  }

  /// The ONNX-style name of a parameterless activation.
  var name: String {
    switch self {
    case .linear: "Linear"
    case .relu: "Relu"
    case .sigmoid: "Sigmoid"
    case .tanh: "Tanh"
    case .swish: "Swish"
    case .gelu: "Gelu"
    case .softplus: "Softplus"
    case .softsign: "Softsign"
    case .exp: "Exp"
    case .hardSwish: "HardSwish"
    case .clip: "Clip"
    case .leakyRelu: "LeakyRelu"
    case .elu: "Elu"
    case .hardSigmoid: "HardSigmoid"
    case .prelu: "PRelu"
    case .other(let s): s
    }
  }

  /// Same function, allowing float noise in parameters.
  func sameFunction(as other: StepActivation) -> Bool {
    switch (self, other) {
    case (.clip(let a, let b), .clip(let c, let d)): close(a, c) && close(b, d)
    case (.leakyRelu(let a), .leakyRelu(let b)), (.elu(let a), .elu(let b)): close(a, b)
    case (.hardSigmoid(let a, let b), .hardSigmoid(let c, let d)): close(a, c) && close(b, d)
    case (.relu, .clip(let lo, let hi)), (.clip(let lo, let hi), .relu): lo == 0 && hi == .infinity
    default: self == other
    }
  }

  /// The family name, so "ReLU6 → ReLU" is a hyper-parameter change and "ReLU → Sigmoid" too.
  var family: String {
    switch self {
    case .relu, .clip: "relu"
    case .other(let s): s
    default: "\(self)"
    }
  }
}

func close(_ a: Float, _ b: Float, rtol: Float = 1e-5) -> Bool {
  if a == b { return true }
  return abs(a - b) <= rtol * max(abs(a), abs(b), 1e-30)
}

func fmt(_ x: Float) -> String {
  if x == .infinity { return "inf" }
  if x == -.infinity { return "-inf" }
  if x == x.rounded() && abs(x) < 1e7 { return String(Int(x)) }
  return "\(x)"
}


/// A weight tensor plus how to read it in canonical order, without copying until needed.
struct WeightRef: Sendable {
  /// The tensor as stored.
  var tensor: Tensor
  /// Permutation taking the stored axes to canonical axes (`nil` = already canonical).
  var perm: [Int]? = nil
  /// Shape after reshaping the canonical view (depthwise kernels).
  var reshape: [Int]? = nil
  /// Name of the initializer, for messages.
  var name: String
  /// True when the value came through a dequantize pattern or a float16 cast.
  var precision: String? = nil

  init(_ tensor: Tensor, name: String, perm: [Int]? = nil, reshape: [Int]? = nil) {
    self.tensor = tensor
    self.name = name
    self.perm = perm
    self.reshape = reshape
  }

  var canonicalShape: [Int] {
    let permuted = perm.map { p in p.map { tensor.shape[$0] } } ?? tensor.shape
    return reshape ?? permuted
  }

  /// Values in canonical order, as Float.
  func values() -> [Float] {
    guard let raw = tensor.floats() else { return [] }
    guard let perm else { return raw }
    return transpose(raw, shape: tensor.shape, perm: perm)
  }
}
