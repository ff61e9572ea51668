import ModelFormats

/// The weights each layer class defines, in the order Keras saves them, with the shapes its
/// config implies. Names follow tf.keras (`depthwise_kernel`, not Keras 3's `kernel`).
enum KerasVariables {
  /// The variable names of a `className` layer with `config`; `nil` for classes not listed
  /// here (their variables keep the names, or positions, the file gives).
  static func names(className: String, config: [String: JSON]) -> [String]? {
    func flag(_ key: String) -> Bool { config[key] != .bool(false) }
    let bias = flag("use_bias") ? ["bias"] : []
    switch className {
    case "Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "Dense": return ["kernel"] + bias
    case "DepthwiseConv2D": return ["depthwise_kernel"] + bias
    case "SeparableConv2D": return ["depthwise_kernel", "pointwise_kernel"] + bias
    case "BatchNormalization":
      return (flag("scale") ? ["gamma"] : []) + (flag("center") ? ["beta"] : []) + ["moving_mean", "moving_variance"]
    case "LayerNormalization": return (flag("scale") ? ["gamma"] : []) + (flag("center") ? ["beta"] : [])
    case "PReLU": return ["alpha"]
    case "Normalization": return config["mean"] == nil || config["mean"] == .null ? ["mean", "variance", "count"] : []
    case "Embedding": return ["embeddings"]
    default:
      return KerasModelConfig.modelClasses.contains(className) || weightless.contains(className) ? [] : nil
    }
  }

  /// Classes known to have no weights.
  static let weightless: Set<String> = [
    "Activation", "Add", "Average", "AveragePooling2D", "Concatenate", "Cropping2D", "Dropout", "ELU",
    "Flatten", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Identity", "InputLayer", "LeakyReLU",
    "MaxPooling2D", "Maximum", "Minimum", "Multiply", "Permute", "ReLU", "Rescaling", "Reshape", "Softmax",
    "SpatialDropout2D", "Subtract", "UpSampling2D", "ZeroPadding2D",
  ]

  /// Keras 3 names a depthwise kernel `kernel`; tf.keras and this tool say `depthwise_kernel`.
  static func canonical(_ name: String, className: String) -> String {
    className == "DepthwiseConv2D" && name == "kernel" ? "depthwise_kernel" : name
  }

  /// The shape each variable must have, `nil` dims where the config does not fix them.
  /// `inputShape` is the layer's input shape when the file records it.
  static func expectedShapes(className: String, config: [String: JSON], inputShape: [Int?]?) -> [String: [Int?]] {
    let channels = inputShape?.last ?? nil
    let kernel = (config["kernel_size"]?.array ?? []).map { $0.int.map(Int.init) }
    let filters = config["filters"]?.int.map(Int.init)
    let groups = config["groups"]?.int.map(Int.init) ?? 1
    let multiplier = config["depth_multiplier"]?.int.map(Int.init) ?? 1
    let product = channels.map { $0 * multiplier }
    switch className {
    case "Conv2D":
      return ["kernel": kernel + [channels.map { $0 / groups }, filters], "bias": [filters]]
    case "Conv2DTranspose":
      return ["kernel": kernel + [filters, channels], "bias": [filters]]
    case "DepthwiseConv2D":
      return ["depthwise_kernel": kernel + [channels, multiplier], "bias": [product]]
    case "SeparableConv2D":
      return ["depthwise_kernel": kernel + [channels, multiplier], "pointwise_kernel": [1, 1, product, filters],
              "bias": [filters]]
    case "Dense":
      let units = config["units"]?.int.map(Int.init)
      return ["kernel": [channels, units], "bias": [units]]
    case "BatchNormalization":
      guard let shape = inputShape, let axis = config["axis"]?.int.map(Int.init),
        shape.indices.contains(axis < 0 ? shape.count + axis : axis)
      else { return [:] }
      let channels = shape[axis < 0 ? shape.count + axis : axis]
      return Dictionary(uniqueKeysWithValues: ["gamma", "beta", "moving_mean", "moving_variance"].map { ($0, [channels]) })
    default:
      return [:]
    }
  }
}
