import Backends
import Foundation

extension LocalizationRequest {
  /// A request whose candidate runs in the backend `choice` names (the interpreter with
  /// `threads` and `memoryLimit`, TVM built at `optLevel`), and whose source, when no recording is given, runs in
  /// its framework's helper.
  public init(reference: URL?, source: URL?, candidate: URL, inputs: URL?, backend choice: BackendChoice,
              threads: Int = 1, optLevel: Int? = nil, memoryLimit: Int = .max, workFolder: URL) throws(BackendError) {
    self.init(reference: reference, source: source, candidate: candidate, inputs: inputs,
              backend: try choice.make(threads: threads, optLevel: optLevel, memoryLimit: memoryLimit), workFolder: workFolder)
    if reference == nil, let source { sourceBackend = try BackendChoice(sourceModel: source).make() }
  }
}
