import Foundation
import ModelFormats

/// Writes `data` to `url` through ModelFormats' `StagedFile` (a temporary file in the same
/// folder, then a rename): no partial file is ever visible and an existing file is replaced
/// in one step, only with `force`.
public func writeAtomically(_ data: Data, to url: URL, force: Bool) throws(VerifyError) {
  do { try StagedFile.write(data, to: url, force: force) } catch {
    switch error {
    case .outputExists(let file): throw .outputExists(file: file)
    default: throw .writeFailed(file: url.path, reason: "\(error)")
    }
  }
}
