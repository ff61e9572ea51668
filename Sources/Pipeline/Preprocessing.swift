import ModelFormats
import ModelGraph

/// The named input conventions of image classifiers (`keras.applications.imagenet_utils`).
///
/// ```swift
/// let x = Preprocessing.tf.tensor(from: image, size: 224, layout: .nhwc)  // [1, 224, 224, 3] in [-1, 1]
/// ```
public enum Preprocessing: String, Sendable, Hashable, Codable, CaseIterable {
  /// `x / 127.5 − 1`, RGB (MobileNetV2, ResNetV2, InceptionV3).
  case tf
  /// `(x / 255 − mean) / std` with ImageNet's mean and std, RGB (DenseNet, torchvision models).
  case torch
  /// RGB → BGR, minus ImageNet's BGR mean, no scaling (ResNet50 v1, VGG).
  case caffe
  /// `x / 255`, RGB.
  case unit

  public enum Layout: String, Sendable, Hashable, Codable {
    case nhwc, nchw
  }

  /// One scaled value for channel `c` (RGB order in, the convention's order out).
  func apply(_ v: Float, channel c: Int) -> Float {
    switch self {
    case .tf: v / 127.5 - 1
    case .torch: (v / 255 - [0.485, 0.456, 0.406][c]) / [0.229, 0.224, 0.225][c]
    case .caffe: v - [103.939, 116.779, 123.68][c]
    case .unit: v / 255
    }
  }

  /// Resizes `image` to `size × size`, scales it, and lays it out as a batch of one.
  public func tensor(from image: RGBImage, height: Int, width: Int, layout: Layout) -> Tensor {
    let rgb = image.resized(width: width, height: height)
    var out = [Float](repeating: 0, count: rgb.count)
    let plane = height * width
    for i in 0..<plane {
      for c in 0..<3 {
        // caffe feeds BGR: output channel c takes input channel 2 − c.
        let source = self == .caffe ? 2 - c : c
        let v = apply(rgb[i * 3 + source], channel: c)
        out[layout == .nhwc ? i * 3 + c : c * plane + i] = v
      }
    }
    let shape = layout == .nhwc ? [1, height, width, 3] : [1, 3, height, width]
    return Tensor(out, shape: shape)
  }
}
