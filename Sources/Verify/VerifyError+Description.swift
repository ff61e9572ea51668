extension VerifyError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .outputExists(let file):
      "\(file) already exists; pass --force to overwrite it"
    case .writeFailed(let file, let reason):
      "cannot write \(file): \(reason)"
    case .sourceNotLowerable(let file, let reason):
      "cannot verify against \(file): its layers are read through the converter's rules, and \(reason)"
    }
  }
}
