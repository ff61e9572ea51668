import Foundation
import Importers
import Lowering
import ModelFormats
import ModelGraph
import TestSupport

/// A golden source model and its conversions: the peer's (tf2onnx / torch.onnx) and ours.
struct GoldenCase {
  var name: String
  var source: Graph
  var peer: Model
  /// `tf2onnx` or `torch.onnx`.
  var peerName: String
  var ours: [(label: String, model: Model)]

  /// Every golden model. A model that does not import or convert fails the caller, never
  /// silently shrinks the set.
  static func all() throws -> [GoldenCase] {
    let golden = packageRoot.appendingPathComponent("golden")
    var cases: [GoldenCase] = []
    for (framework, sourceFile, peerFile, peerName) in [("keras", "model.keras", "tf2onnx.onnx", "tf2onnx"),
                                                        ("torch", "model.pt2", "torch_onnx.onnx", "torch.onnx")] {
      let folder = golden.appendingPathComponent(framework)
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isFolder) && isFolder.boolValue
      }
      for name in names {
        let dir = folder.appendingPathComponent(name)
        let source = try Importers.importModel(at: dir.appendingPathComponent(sourceFile))
        let peer = try ONNXFile.read(dir.appendingPathComponent(peerFile))
        let ours = [("ours", try Lowering.lower(source)),
                    ("ours --fold-batchnorm", try Lowering.lower(source, options: LoweringOptions(foldBatchNorm: true)))]
        cases.append(GoldenCase(name: "\(framework)/\(name)", source: source, peer: peer, peerName: peerName, ours: ours))
      }
    }
    return cases
  }
}
