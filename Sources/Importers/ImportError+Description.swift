extension ImportError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .format(let error):
      error.description
    case .unsupportedFileType(let file, let supported):
      "cannot import '\(file)': the extension names no supported format (supported: \(supported.joined(separator: ", ")))"
    case .invalidConfig(let file, let reason):
      "'\(file)': the model configuration is invalid: \(reason)"
    case .undefinedInput(let file, let layer, let reference):
      "'\(file)': layer '\(layer)' reads '\(reference)', which the model does not define"
    case .missingWeights(let file, let layer, let expected):
      "'\(file)': no weights for layer '\(layer)' (expected \(expected))"
    case .weightCount(let file, let layer, let expected, let found):
      "'\(file)': layer '\(layer)' should have \(expected.count) weights (\(expected.joined(separator: ", "))), the file has \(found)"
    case .weightShape(let file, let layer, let weight, let expected, let found):
      "'\(file)': weight '\(weight)' of layer '\(layer)' should have shape \(expected), found \(found)"
    }
  }
}
