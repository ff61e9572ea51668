/// One sentence per error, naming the tensor or layer and what was expected.
extension DiffError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .missingFeed(let input, let aligned):
      "candidate input '\(input)' has no recorded reference tensor to feed it (aligned: \(aligned.prefix(5).joined(separator: ", "))); pass the inputs explicitly"
    case .reference(let key, let problem):
      "reference tensor '\(key)': \(problem)"
    case .outputMismatch(let reference, let candidate):
      "the model outputs do not line up: reference \(reference) vs candidate \(candidate) (different class counts?)"
    case .candidate(let name, let error):
      "the candidate '\(name)' failed to run: \(error)"
    case .backend(let error):
      "\(error)"
    case .recording(let file, let problem):
      "\(file): \(problem)"
    case .output(let path, let problem):
      "\(path): \(problem)"
    case .nothingAligned(let keys, let tensors):
      "no tensor of the reference (\(keys) recorded) lines up with the candidate (\(tensors) tensors); pass verify's node map with --map"
    }
  }
}
