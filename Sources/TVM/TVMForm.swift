import Foundation
import ModelFormats
import ModelGraph

/// The TVM form on disk: a folder with `module.py` (TVMScript), `params.npz` (one array per
/// weight parameter, keyed by its Relax name) and `provenance.json`.
///
/// ```swift
/// try TVMForm.write(try RelaxEmitter.emit(graph, file: f), to: URL(fileURLWithPath: "model.tvm"), force: false)
/// ```
/// The folder is filled under a hidden staging name beside the destination and put in place in
/// one step by `StagedFolder.place`, so a failure or a kill leaves the earlier folder or nothing.
public enum TVMForm {
  public static let moduleFile = "module.py"
  public static let paramsFile = "params.npz"
  public static let provenanceFile = "provenance.json"

  public static func write(_ module: RelaxModule, to destination: URL, force: Bool) throws(TVMError) {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    if manager.fileExists(atPath: destination.path, isDirectory: &isFolder) {
      guard force else { throw .outputExists(path: destination.path) }
      // --force replaces an earlier TVM form, never a folder that holds anything else.
      let names = isFolder.boolValue ? (try? manager.contentsOfDirectory(atPath: destination.path)) : nil
      guard let names, Set(names).isSubset(of: [moduleFile, paramsFile, provenanceFile]) else {
        throw .writeFailed(path: destination.path, reason: "it holds something other than a TVM form (\(moduleFile), \(paramsFile), "
          + "\(provenanceFile)); refusing to replace it")
      }
    }
    let staging = StagedFolder.stagingFolder(for: destination)
    do {
      try manager.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw .writeFailed(path: destination.path, reason: "\(error.localizedDescription)")
    }
    defer { try? manager.removeItem(at: staging) }  // after a successful placing nothing is left there
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      try StagedFile.write(Data(module.text.utf8), to: staging.appendingPathComponent(moduleFile), force: false)
      try StagedFile.write(try encoder.encode(module.provenance), to: staging.appendingPathComponent(provenanceFile), force: false)
      let params = try NPZWriter(url: staging.appendingPathComponent(paramsFile))
      for parameter in module.parameters { try params.add(parameter.tensor, key: parameter.name) }
      try params.finish()
      try StagedFolder.place(staging, at: destination)
    } catch let error as TVMError {
      throw error
    } catch {
      throw .writeFailed(path: destination.path, reason: "\(error)")
    }
  }
}
