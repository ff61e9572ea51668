import Foundation
import ModelFormats

/// Writes `report.json`, `report.html` and one Model Explorer node-data file per pair into a
/// folder, all or nothing, through ModelFormats' `StagedFolder`. An existing folder is replaced
/// only with `force`, and only when it is an earlier report (it holds `report.json`); a file or
/// any other folder at that path is left alone.
public func writeReport(_ report: DiffReport, nodeData: [String: ModelExplorerNodeData], to folder: URL,
                        force: Bool) throws(DiffError) -> [URL] {
  do {
    var files = [(name: "report.json", data: try report.jsonData()), (name: "report.html", data: Data(report.html.utf8))]
    for (name, data) in nodeData.sorted(by: { $0.key < $1.key }) {
      files.append((name: "model-explorer-\(name).json", data: try data.jsonData()))
    }
    try StagedFolder.write(files, to: folder, force: force) { existing in
      FileManager.default.fileExists(atPath: existing.appendingPathComponent("report.json").path)
    }
    return files.map { folder.appendingPathComponent($0.name) }
  } catch let error as FormatError {
    switch error {
    case .outputExists: throw .output(path: folder.path, problem: "already exists; pass --force to replace it")
    default: throw .output(path: folder.path, problem: String("\(error)".trimmingPrefix(folder.path + ": ")))
    }
  } catch {
    throw .output(path: folder.path, problem: "cannot write the report (\(error))")
  }
}
