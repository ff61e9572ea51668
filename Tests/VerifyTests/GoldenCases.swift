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
  var ours: [(label: String, model: Model)]

  /// Every golden model whose source imports; conversions we cannot make are left out.
  static func all() -> [GoldenCase] {
    let golden = packageRoot.appendingPathComponent("golden")
    var cases: [GoldenCase] = []
    for (framework, sourceFile, peerFile) in [("keras", "model.keras", "tf2onnx.onnx"), ("torch", "model.pt2", "torch_onnx.onnx")] {
      let folder = golden.appendingPathComponent(framework)
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
      for name in names {
        let dir = folder.appendingPathComponent(name)
        guard let source = try? Importers.importModel(at: dir.appendingPathComponent(sourceFile)),
          let peer = try? ONNXFile.read(dir.appendingPathComponent(peerFile))
        else { continue }
        var ours: [(String, Model)] = []
        if let m = try? Lowering.lower(source) { ours.append(("ours", m)) }
        if let m = try? Lowering.lower(source, options: LoweringOptions(foldBatchNorm: true)) { ours.append(("ours --fold-batchnorm", m)) }
        cases.append(GoldenCase(name: "\(framework)/\(name)", source: source, peer: peer, ours: ours))
      }
    }
    return cases
  }
}
