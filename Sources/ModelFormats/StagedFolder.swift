#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFileSystem
import Foundation

/// Writes a folder of files all or nothing: each file is written and flushed unnamed (through
/// `StagedFile`), then named inside a temporary sibling folder, which takes the folder's place in
/// one step: a rename, or for an existing folder an atomic exchange of the two names, after which
/// the earlier folder (now under the temporary name) is removed. A process killed at any point
/// leaves the earlier folder or the new one under the name, and hidden leftovers only in the
/// microseconds around that step; the next write removes those of processes no longer running.
/// An existing folder is replaced only with `force` and when `replaceable` accepts it. An existing
/// file is never replaced by a folder.
///
/// ```swift
/// try StagedFolder.write([("report.json", json), ("report.html", html)], to: folder, force: true)
/// ```
public enum StagedFolder {
  public static func write(
    _ files: [(name: String, data: Data)], to folder: URL, force: Bool, replaceable: (URL) -> Bool = { _ in true }
  ) throws(FormatError) {
    let fm = FileManager.default
    try checkDestination(folder, force: force, replaceable: replaceable)
    let staging = stagingFolder(for: folder)
    try? fm.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
    // Every byte is written and flushed while the files have no name, so that the staging folder
    // exists only for the few renames below.
    var staged: [StagedFile] = []
    for (name, data) in files {
      let file = try StagedFile(staging.appendingPathComponent(name), force: false, stagingFolder: folder.deletingLastPathComponent())
      try file.write(data)
      try file.sync()
      staged.append(file)
    }
    defer { try? fm.removeItem(at: staging) }
    do { try fm.createDirectory(at: staging, withIntermediateDirectories: true) } catch {
      throw .writeFailed(file: folder.path, reason: "cannot create \(staging.lastPathComponent): \(error.localizedDescription)")
    }
    for file in staged { try file.commit() }
    try place(staging, at: folder)
  }

  /// Checks that `folder` may be written: it does not exist, or it is a folder, `force` is set
  /// and `replaceable` accepts it (`earlier` says what it must be, for the error). A file is
  /// never replaced by a folder.
  public static func checkDestination(_ folder: URL, force: Bool, earlier: String = "an earlier output",
                                      replaceable: (URL) -> Bool = { _ in true }) throws(FormatError) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return }
    guard isFolder.boolValue else {
      throw .writeFailed(file: folder.path, reason: "it is a file, not a folder; refusing to replace it")
    }
    guard force else { throw .outputExists(file: folder.path) }
    guard replaceable(folder) else {
      throw .writeFailed(file: folder.path, reason: "the folder holds something other than \(earlier); refusing to replace it")
    }
  }

  /// A hidden, unique staging name beside `folder` for a writer that fills a folder itself and
  /// then calls `place`; leftovers of earlier writers no longer running are removed first.
  public static func stagingFolder(for folder: URL) -> URL {
    removeLeftovers(of: folder)
    return sibling(of: folder, tag: "partial")
  }

  /// Puts the complete folder `staging` under the name `folder` in one step: a rename, or for an
  /// existing folder an atomic exchange of the two names, after which the earlier folder (now
  /// under the staging name) is removed. A file system that cannot exchange gets a move aside
  /// and a rename.
  public static func place(_ staging: URL, at folder: URL) throws(FormatError) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
      guard rename(staging.path, folder.path) == 0 else { throw .writeFailed(file: folder.path, reason: String(cString: strerror(errno))) }
      return
    }
    guard isFolder.boolValue else { throw .writeFailed(file: folder.path, reason: "it is a file, not a folder; refusing to replace it") }
    if deltann_rename_exchange(staging.path, folder.path) == 0 {
      try? FileManager.default.removeItem(at: staging)
      return
    }
    guard errno == EINVAL || errno == ENOSYS else { throw .writeFailed(file: folder.path, reason: String(cString: strerror(errno))) }
    let aside = sibling(of: folder, tag: "old")
    guard rename(folder.path, aside.path) == 0 else { throw .writeFailed(file: folder.path, reason: String(cString: strerror(errno))) }
    guard rename(staging.path, folder.path) == 0 else {
      let reason = String(cString: strerror(errno))
      _ = rename(aside.path, folder.path)
      throw .writeFailed(file: folder.path, reason: reason)
    }
    try? FileManager.default.removeItem(at: aside)
  }

  /// A hidden, unique name beside `folder`: `.<name>.<tag>-<pid>-<random>`.
  private static func sibling(of folder: URL, tag: String) -> URL {
    folder.deletingLastPathComponent()
      .appendingPathComponent(".\(folder.lastPathComponent).\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
  }

  /// Removes the hidden siblings of `folder` (`sibling(of:tag:)`) that a killed writer left: those
  /// whose process no longer runs.
  private static func removeLeftovers(of folder: URL) {
    let parent = folder.deletingLastPathComponent()
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
    for name in names {
      for tag in ["partial", "old"] {
        let prefix = ".\(folder.lastPathComponent).\(tag)-"
        guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid(),
              kill(pid, 0) != 0, errno == ESRCH else { continue }
        try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
      }
    }
  }
}
