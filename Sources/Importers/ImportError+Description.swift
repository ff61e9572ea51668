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
    case .unreadableFile(let file, let reason):
      "\(file): cannot open the file: \(reason)"
    case .notAnArchive(let file, let reason):
      "\(file): \(reason)"
    case .missingMember(let file, let member):
      "\(file): the archive has no member '\(member)'"
    case .unreadableMember(let file, let member, let reason):
      "\(file): cannot read archive member '\(member)': \(reason)"
    case .malformedJSON(let file, let member, let path, let expected):
      "\(file): \(member): at '\(path)' expected \(expected)"
    case .unsupportedTensorStorage(let file, let tensor, let reason):
      "\(file): unsupported tensor storage for '\(tensor)': \(reason)"
    case .truncatedTensorData(let file, let member, let tensor, let expected, let found):
      "\(file): '\(member)' holds \(found) bytes but tensor '\(tensor)' needs \(expected) (sizes, strides and storage offset in its tensor_meta)"
    case .unsupportedArgument(let file, let node, let argument, let reason):
      "\(file): node '\(node)': argument '\(argument)' is not supported: \(reason)"
    case .missingArgument(let file, let node, let op, let argument):
      "\(file): node '\(node)' (\(op)) lacks argument '\(argument)', which has no default in the ATen schema"
    case .invalidGraph(let file, let problem):
      "\(file): \(problem)"
    }
  }
}
