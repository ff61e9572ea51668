import Foundation

/// Writes `data` to `url` through a temporary file in the same folder and a rename, so no
/// partial file is ever visible; refuses to replace an existing file unless `force`.
public func writeAtomically(_ data: Data, to url: URL, force: Bool) throws(VerifyError) {
  let fm = FileManager.default
  if !force, fm.fileExists(atPath: url.path) { throw .outputExists(file: url.path) }
  let temporary = url.deletingLastPathComponent()
    .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
  do {
    try data.write(to: temporary)
    if fm.fileExists(atPath: url.path) { _ = try fm.replaceItemAt(url, withItemAt: temporary) } else { try fm.moveItem(at: temporary, to: url) }
  } catch {
    try? fm.removeItem(at: temporary)
    throw .writeFailed(file: url.path, reason: error.localizedDescription)
  }
}
