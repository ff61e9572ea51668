#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a folder of files all or nothing: the files go to a temporary sibling folder (each
/// through `StagedFile`), which is renamed into place when complete. An existing folder is
/// replaced only with `force` and when `replaceable` accepts it; it is moved aside first and put
/// back if the rename fails. An existing file is never replaced by a folder.
///
/// ```swift
/// try StagedFolder.write([("report.json", json), ("report.html", html)], to: folder, force: true)
/// ```
public enum StagedFolder {
  public static func write(
    _ files: [(name: String, data: Data)], to folder: URL, force: Bool, replaceable: (URL) -> Bool = { _ in true }
  ) throws(FormatError) {
    let fm = FileManager.default
    var isFolder: ObjCBool = false
    let exists = fm.fileExists(atPath: folder.path, isDirectory: &isFolder)
    if exists {
      guard isFolder.boolValue else {
        throw .writeFailed(file: folder.path, reason: "it is a file, not a folder; refusing to replace it")
      }
      guard force else { throw .outputExists(file: folder.path) }
      guard replaceable(folder) else {
        throw .writeFailed(file: folder.path, reason: "the folder holds something other than an earlier output; refusing to replace it")
      }
    }
    let staging = sibling(of: folder, tag: "partial")
    // The files are written unnamed beside the folder; the staging folder appears only once
    // they are complete, so a process killed while writing leaves nothing.
    try? fm.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
    var staged: [StagedFile] = []
    for (name, data) in files {
      let file = try StagedFile(staging.appendingPathComponent(name), force: false, stagingFolder: folder.deletingLastPathComponent())
      try file.write(data)
      staged.append(file)
    }
    defer { try? fm.removeItem(at: staging) }
    do { try fm.createDirectory(at: staging, withIntermediateDirectories: true) } catch {
      throw .writeFailed(file: folder.path, reason: "cannot create \(staging.lastPathComponent): \(error.localizedDescription)")
    }
    for file in staged { try file.commit() }
    guard exists else {
      guard rename(staging.path, folder.path) == 0 else { throw .writeFailed(file: folder.path, reason: String(cString: strerror(errno))) }
      return
    }
    let aside = sibling(of: folder, tag: "old")
    guard rename(folder.path, aside.path) == 0 else { throw .writeFailed(file: folder.path, reason: String(cString: strerror(errno))) }
    guard rename(staging.path, folder.path) == 0 else {
      let reason = String(cString: strerror(errno))
      _ = rename(aside.path, folder.path)
      throw .writeFailed(file: folder.path, reason: reason)
    }
    try? fm.removeItem(at: aside)
  }

  /// A hidden, unique name beside `folder`: `.<name>.<tag>-<pid>-<random>`.
  private static func sibling(of folder: URL, tag: String) -> URL {
    folder.deletingLastPathComponent()
      .appendingPathComponent(".\(folder.lastPathComponent).\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
  }
}
