/// How a source graph is lowered to ONNX.
public struct LoweringOptions: Sendable, Hashable {
  /// The ai.onnx opset to emit (17).
  public var opset: Int
  /// Fold BatchNormalization into the preceding convolution's weights (as tf2onnx does).
  public var foldBatchNorm: Bool
  /// Keep the Keras channels-last input and output layout (NHWC) instead of NCHW; a Transpose
  /// after the input moves to NCHW for the convolutions (as tf2onnx does).
  public var keepNHWC: Bool

  public init(opset: Int = 17, foldBatchNorm: Bool = false, keepNHWC: Bool = false) {
    self.opset = opset
    self.foldBatchNorm = foldBatchNorm
    self.keepNHWC = keepNHWC
  }
}
