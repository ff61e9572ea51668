/// Conversion faults taken from real converter bugs, injectable into a correct ONNX model.
public enum FaultKind: String, Sendable, Codable, CaseIterable {
  case kernelLayoutNotPermuted = "kernel-layout-not-permuted"
  case samePaddingSymmetric = "same-padding-made-symmetric"
  case samePaddingDropped = "same-padding-dropped"
  case padsOnWrongAxes = "pads-on-wrong-axes"
  case bnEpsilonChanged = "bn-epsilon-changed"
  case bnMeanVarianceSwapped = "bn-mean-variance-swapped"
  case activationDropped = "activation-dropped"
  case relu6ToRelu = "relu6-to-relu"
  case strideChanged = "stride-changed"
  case weightsFloat16 = "weights-rounded-to-float16"
  case extraTranspose = "extra-transpose"
  case missingTranspose = "missing-transpose"
  case channelOrderFlipped = "input-channel-order-flipped"
  case softmaxAxisChanged = "softmax-axis-changed"
  case denseNotTransposed = "dense-kernel-not-transposed"
  case head1001 = "1001-class-head"
  case clipBoundChanged = "clip-bound-changed"
  case activationAlphaChanged = "activation-alpha-changed"
  case preluSlopesChanged = "prelu-slopes-changed"
  case poolPadsChanged = "pool-pads-changed"
  case countIncludePadFlipped = "count-include-pad-flipped"
  case poolStrideChanged = "pool-stride-changed"
  case dilationChanged = "dilation-changed"
  case concatAxisChanged = "concat-axis-changed"
  case constantOperandChanged = "constant-operand-changed"
  case outputChannelsReordered = "output-channels-reordered"

  /// The finding `Verify` should raise for this fault.
  public var expectedFinding: FindingKind {
    switch self {
    case .kernelLayoutNotPermuted, .extraTranspose, .missingTranspose, .denseNotTransposed: .layout
    case .samePaddingSymmetric, .samePaddingDropped, .padsOnWrongAxes, .strideChanged, .poolPadsChanged, .poolStrideChanged,
      .dilationChanged: .attributeMismatch
    case .bnEpsilonChanged, .relu6ToRelu, .softmaxAxisChanged, .clipBoundChanged, .activationAlphaChanged, .preluSlopesChanged,
      .countIncludePadFlipped, .concatAxisChanged: .hyperParameterMismatch
    case .bnMeanVarianceSwapped, .constantOperandChanged, .outputChannelsReordered: .weightMismatch
    case .activationDropped: .missingLayer
    case .weightsFloat16: .weightPrecision
    case .channelOrderFlipped: .channelOrder
    case .head1001: .interface
    }
  }
}

/// A model with one injected fault, and where it was injected.
public struct Mutant: Sendable {
  public var fault: FaultKind
  /// The candidate node changed (or inserted next to) by the fault.
  public var node: String
  /// The source layer the fault concerns (the node's provenance layer, else its name).
  public var layer: String
  /// Nodes a finding may name instead: where the fault becomes visible (the first channel op
  /// downstream of a removed transpose, the inserted node).
  public var visibleAt: [String]
  public var model: ModelGraph.Model
  public var detail: String
}

import ModelGraph
