import Foundation
import ModelFormats
import ModelGraph

/// The TVM form on disk: a folder with `module.py` (TVMScript), `params.npz` (one array per
/// weight parameter, keyed by its Relax name) and `provenance.json`.
///
/// ```swift
/// try TVMForm.write(try RelaxEmitter.emit(graph, file: f), to: URL(fileURLWithPath: "model.tvm"), force: false)
/// ```
/// The folder is written under a temporary name beside the destination and renamed into place
/// when complete, so a failure leaves nothing at the destination.
public enum TVMForm {
  public static let moduleFile = "module.py"
  public static let paramsFile = "params.npz"
  public static let provenanceFile = "provenance.json"

  public static func write(_ module: RelaxModule, to destination: URL, force: Bool) throws(TVMError) {
    let manager = FileManager.default
    if !force, manager.fileExists(atPath: destination.path) { throw .outputExists(path: destination.path) }
    let parent = destination.deletingLastPathComponent()
    let stamp = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(stamp)")
    do {
      try manager.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw .writeFailed(path: destination.path, reason: "\(error.localizedDescription)")
    }
    defer { try? manager.removeItem(at: staging) }  // after a successful rename nothing is left there
    do {
      try Data(module.text.utf8).write(to: staging.appendingPathComponent(moduleFile))
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      try encoder.encode(module.provenance).write(to: staging.appendingPathComponent(provenanceFile))
      let params = try NPZWriter(url: staging.appendingPathComponent(paramsFile))
      for parameter in module.parameters { try params.add(parameter.tensor, key: parameter.name) }
      try params.finish()
      try replace(destination, with: staging)
    } catch let error as TVMError {
      throw error
    } catch {
      throw .writeFailed(path: destination.path, reason: "\(error)")
    }
  }

  /// Renames `staging` onto `destination`; an existing destination is moved aside first and
  /// removed only once the new folder is in place.
  private static func replace(_ destination: URL, with staging: URL) throws {
    let manager = FileManager.default
    guard manager.fileExists(atPath: destination.path) else {
      return try manager.moveItem(at: staging, to: destination)
    }
    let aside = staging.appendingPathExtension("old")
    try manager.moveItem(at: destination, to: aside)
    do { try manager.moveItem(at: staging, to: destination) } catch {
      try? manager.moveItem(at: aside, to: destination)
      throw error
    }
    try? manager.removeItem(at: aside)
  }
}
