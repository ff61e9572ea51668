import Backends
import Foundation
import Lowering
import ModelFormats
import ModelGraph
import TVM

/// A TVM form as a verify candidate: our TVM folder, or TVM's own import of an `.onnx` or `.pt2`,
/// read the way TVM reads it (the helper's relax-graph export), then lowered from the `relax`
/// dialect to ONNX by `Lowering`'s Relax rules — so verify compares it with the same checks as
/// any ONNX conversion, our bindings matched to their source layers by provenance.
///
/// ```swift
/// let candidate = try TVMCandidate.load(URL(fileURLWithPath: "model.tvm"))
/// let report = try Verifier.verify(source: graph, candidate: candidate)
/// ```
public enum TVMCandidate {
  /// The candidate `verify` reads from `url`: a relax-graph `.json` (its values in the `.npz` of
  /// the same name, when present), a TVM folder, TVM's import of an `.onnx` or `.pt2` when
  /// `tvm` is set, else the ONNX file itself.
  public static func open(_ url: URL, tvm: Bool) throws -> Model {
    var folder: ObjCBool = false
    let isFolder = FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
    if url.pathExtension.lowercased() == "json" {
      let values = url.deletingPathExtension().appendingPathExtension("npz")
      return try lower(json: url, values: FileManager.default.fileExists(atPath: values.path) ? values : nil, file: url.path)
    }
    return try tvm || isFolder ? load(url) : ONNXFile.read(url)
  }

  /// Exports `url` through TVM into a temporary folder (removed afterwards) and lowers it.
  public static func load(_ url: URL, setup: HelperSetup? = nil) throws -> Model {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-relax-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let json = work.appendingPathComponent("relax.json"), values = work.appendingPathComponent("values.npz")
    try RelaxGraphExport(setup: try setup ?? HelperSetup.locate()).export(model: url, json: json, values: values)
    return try lower(json: json, values: values, file: url.path)
  }

  /// A relax-graph document already written (`deltann_converters relax-json`), lowered.
  public static func lower(json: URL, values: URL?, file: String) throws -> Model {
    try Lowering.lower(try RelaxGraphReader.read(json: json, values: values), file: file)
  }
}
