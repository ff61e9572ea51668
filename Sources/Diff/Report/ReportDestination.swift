import Foundation

/// Checks, before any work, that a report folder can be written where `writeReport` will put it:
/// nothing there, or (with `force`) an earlier report folder. A file, or a folder that is not a
/// report, is an error, so a long run does not end by refusing to write.
public enum ReportDestination {
  public static func check(_ path: String, force: Bool) throws(DiffError) {
    let fm = FileManager.default
    var isFolder: ObjCBool = false
    guard fm.fileExists(atPath: path, isDirectory: &isFolder) else { return }
    guard isFolder.boolValue else {
      throw .output(path: path, problem: "is a file, not a report folder; refusing to replace it (choose another --report)")
    }
    guard force else { throw .output(path: path, problem: "already exists; pass --force to replace it") }
    guard fm.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent("report.json").path) else {
      throw .output(path: path, problem: "is a folder but not an earlier report (no report.json); refusing to replace it")
    }
  }
}
