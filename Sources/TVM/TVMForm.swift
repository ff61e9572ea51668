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
    // --force replaces an earlier TVM form, never a file or a folder that holds anything else.
    do {
      try StagedFolder.checkDestination(destination, force: force,
                                        earlier: "a TVM form (\(moduleFile), \(paramsFile), \(provenanceFile))") { folder in
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return false }
        return Set(names).isSubset(of: [moduleFile, paramsFile, provenanceFile])
      }
    } catch .outputExists {
      throw .outputExists(path: destination.path)
    } catch .writeFailed(_, let reason) {
      throw .writeFailed(path: destination.path, reason: reason)
    } catch {
      throw .writeFailed(path: destination.path, reason: "\(error)")
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
