/// Output-size arithmetic shared by the pooling rules.
enum Pooling {
  /// torch's pooling output size; with `ceil`, a last window starting in the right padding is
  /// dropped (`aten/src/ATen/native/Pool.h`, `pooling_output_shape`).
  static func outputSize(input: Int, kernel: Int, stride: Int, pad: Int, dilation: Int, ceil: Bool) -> Int {
    let span = input + 2 * pad - dilation * (kernel - 1) - 1
    var out = (ceil ? (span + stride - 1) / stride : span / stride) + 1
    if ceil && (out - 1) * stride >= input + pad { out -= 1 }
    return out
  }

  /// ONNX `ceil_mode`: torch's ceil-mode size equals either ONNX's floor or ceil size; choose
  /// the one that matches, so runtimes need not know torch's extra rule.
  static func onnxCeilMode(
    input: [Int]?, kernel: [Int], stride: [Int], pad: [Int], dilation: [Int], ceil: Bool
  ) -> Bool {
    guard ceil, let input else { return ceil }
    return input.indices.contains { i in
      let torch = outputSize(input: input[i], kernel: kernel[i], stride: stride[i], pad: pad[i], dilation: dilation[i], ceil: true)
      let floor = outputSize(input: input[i], kernel: kernel[i], stride: stride[i], pad: pad[i], dilation: dilation[i], ceil: false)
      return torch != floor
    }
  }
}
