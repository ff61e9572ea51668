/// One source layer and the candidate nodes that implement it.
public struct LayerMapping: Sendable, Codable, Hashable {
  public var layer: String
  public var sourceOp: String
  public var targets: [TargetMatch]

  public init(layer: String, sourceOp: String, targets: [TargetMatch]) {
    self.layer = layer
    self.sourceOp = sourceOp
    self.targets = targets
  }
}

/// A candidate node credited to a source layer, with how that was decided and how sure it is.
public struct TargetMatch: Sendable, Codable, Hashable {
  public var node: String
  public var opType: String
  public var method: MatchMethod
  /// 1 for provenance; lower for inferred methods.
  public var confidence: Double

  public init(node: String, opType: String, method: MatchMethod, confidence: Double) {
    self.node = node
    self.opType = opType
    self.method = method
    self.confidence = confidence
  }
}

/// How a source layer was tied to a candidate node, strongest first.
public enum MatchMethod: String, Sendable, Codable, Hashable, CaseIterable {
  case provenance
  case name
  case weights
  /// Weights match after folding the following BatchNormalization.
  case foldedWeights = "folded-weights"
  case topology
  /// An elementwise layer spelled by other ops, matched by evaluating both on probe values.
  case computed
}

/// A rewrite that keeps the model's meaning, recognised and listed rather than flagged.
public struct Rewrite: Sendable, Codable, Hashable {
  public var kind: RewriteKind
  public var layers: [String]
  public var nodes: [String]
  public var detail: String

  public init(_ kind: RewriteKind, layers: [String], nodes: [String], detail: String = "") {
    self.kind = kind
    self.layers = layers
    self.nodes = nodes
    self.detail = detail
  }
}

public enum RewriteKind: String, Sendable, Codable, Hashable, CaseIterable {
  case batchNormFolded = "batchnorm-folded-into-conv"
  case batchNormAsMulAdd = "batchnorm-as-mul-add"
  case squeezeAfterGlobalPool = "squeeze-after-global-pool"
  case denseAsMatMulAdd = "dense-as-matmul-add"
  case denseAsGemm = "dense-as-gemm"
  case cancellingTransposes = "cancelling-transposes"
  case identityRemoved = "identity-removed"
  case dropoutRemoved = "dropout-removed"
  case relu6AsClip = "relu6-as-clip"
  case padFoldedIntoConv = "pad-folded-into-conv"
  case padFoldedIntoPool = "pad-folded-into-pool"
  case activationSplit = "fused-activation-split"
  case inputLayoutTransposed = "input-layout-transposed"
  case flattenAsReshape = "flatten-as-reshape"
  case softmaxDecomposed = "softmax-decomposed"
  case biasAddSplit = "bias-as-add"
  /// An activation computed by several elementwise ops (ELU's alpha as a select, PReLU as
  /// Relu/Neg/Mul), checked by evaluating both spellings.
  case activationDecomposed = "activation-decomposed"

  /// Rewrites that change the graph's structure (fold, remove or reorder computation) make the
  /// verdict "equivalent with rewrites"; the others are only another spelling of one layer
  /// (Gemm or MatMul+Add for Dense, Clip(0, 6) for ReLU6) and are listed without changing it.
  public var changesStructure: Bool {
    switch self {
    case .denseAsGemm, .denseAsMatMulAdd, .relu6AsClip, .biasAddSplit, .activationSplit, .flattenAsReshape,
      .squeezeAfterGlobalPool, .identityRemoved, .dropoutRemoved, .activationDecomposed:
      false
    default:
      true
    }
  }
}
