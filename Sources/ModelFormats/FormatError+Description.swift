/// One sentence per error, naming the file and what was expected.
extension FormatError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .image(let file, let problem):
      "\(file): cannot decode the image: \(problem) (expected a PNG or JPEG file)"
    case .unreadable(let file, let reason):
      "\(file): cannot read the file: \(reason)"
    case .empty(let file):
      "\(file): the file is empty"
    case .notAModel(let file, let reason):
      "\(file): not a valid ONNX file: \(reason)"
    case .invalidField(let file, let field, let problem):
      "\(file): \(field): \(problem)"
    case .invalidGraph(let file, let error):
      "\(file): invalid graph: \(error)"
    case .tensorSizeMismatch(let file, let tensor, let expected, let found):
      "\(file): tensor '\(tensor)' needs \(expected) bytes for its dtype and shape, but its data holds \(found)"
    case .externalDataOutsideFolder(let file, let tensor, let location):
      "\(file): tensor '\(tensor)' keeps its data at '\(location)', outside the model's folder; external data must be a relative path inside that folder"
    case .externalDataOutOfRange(let file, let tensor, let location, let offset, let length, let fileSize):
      "\(file): tensor '\(tensor)' reads bytes \(offset)..<\(offset + length) of '\(location)', which has only \(fileSize) bytes"
    case .externalDataUnreadable(let file, let tensor, let location, let reason):
      "\(file): tensor '\(tensor)' keeps its data in '\(location)', which cannot be read: \(reason)"
    case .shapeInference(let file, let problem):
      "\(file): shape inference failed: \(problem)"
    case .newerThanLibONNX(let file, let problem):
      "\(file): cannot run libonnx on it: \(problem)"
    case .outputExists(let file):
      "\(file) already exists; pass --force to overwrite it"
    case .writeFailed(let file, let reason):
      "\(file): cannot write: \(reason)"
    }
  }
}
