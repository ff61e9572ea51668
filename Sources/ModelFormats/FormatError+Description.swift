/// One sentence per error, naming the file and what was expected.
extension FormatError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .image(let file, let problem):
      "\(file): cannot decode the image: \(problem) (expected a PNG or JPEG file)"
    }
  }
}
