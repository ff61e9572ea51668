import Foundation

/// Writes `report.json`, `report.html` and one Model Explorer node-data file per pair into a
/// folder, all or nothing: files go to a temporary sibling folder first, which is then renamed.
/// An existing folder is replaced only with `force`.
public func writeReport(_ report: DiffReport, nodeData: [String: ModelExplorerNodeData], to folder: URL,
                        force: Bool) throws(DiffError) -> [URL] {
  let fm = FileManager.default
  if fm.fileExists(atPath: folder.path) && !force {
    throw .output(path: folder.path, problem: "already exists; pass --force to replace it")
  }
  let staging = folder.deletingLastPathComponent()
    .appendingPathComponent(".\(folder.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
  do {
    try? fm.removeItem(at: staging)
    try fm.createDirectory(at: staging, withIntermediateDirectories: true)
    var written = ["report.json", "report.html"]
    try report.jsonData().write(to: staging.appendingPathComponent("report.json"))
    try Data(report.html.utf8).write(to: staging.appendingPathComponent("report.html"))
    for (name, data) in nodeData.sorted(by: { $0.key < $1.key }) {
      let file = "model-explorer-\(name).json"
      try data.jsonData().write(to: staging.appendingPathComponent(file))
      written.append(file)
    }
    if fm.fileExists(atPath: folder.path) { try fm.removeItem(at: folder) }
    try fm.moveItem(at: staging, to: folder)
    return written.map { folder.appendingPathComponent($0) }
  } catch {
    try? fm.removeItem(at: staging)
    throw .output(path: folder.path, problem: "cannot write the report (\(error.localizedDescription))")
  }
}
