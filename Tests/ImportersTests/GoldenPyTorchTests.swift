import Foundation
import Lowering
import ModelFormats
import ModelGraph
import Runtime
import TestSupport
import XCTest
@testable import Importers

/// Every golden PyTorch model, at both IR levels: our ONNX, run by our interpreter, against the
/// activations torch recorded for every FX node, on every golden input, and the same top-1.
final class GoldenPyTorchTests: XCTestCase {
  static let models = ["mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"]
  static let levels = [("model.pt2", "torch"), ("model.core.pt2", "torch.core")]

  struct Sidecar: Decodable {
    struct Entry: Decodable {
      let key: String
      let shape: [Int]
      let batch: String
    }
    let count: Int
    let outputs: [String]
    let tensors: [Entry]
  }

  func test_GoldenPyTorch_everyNodeMatchesTorchAtBothIRLevels() throws {
    for model in Self.models {
      for (file, activations) in Self.levels {
        try check(model: model, file: file, activations: activations)
      }
    }
  }

  private func check(model: String, file: String, activations: String) throws {
    let folder = packageRoot.appendingPathComponent("golden/torch/\(model)")
    let path = folder.appendingPathComponent(file).path
    let source = try PyTorchImporter.read(path: path)
    let onnx = try PyTorchLowering.lower(source, file: path)
    XCTAssertEqual(ONNXChecker.check(onnx), .valid, "\(model)/\(file)")
    let interpreter = try Interpreter(model: onnx)
    let sidecar = try JSONDecoder().decode(
      Sidecar.self, from: Data(contentsOf: folder.appendingPathComponent("\(activations).json")))
    let recorded = try NPZReader(contentsOf: folder.appendingPathComponent("\(activations).npz"))
    let inputs = try NPZReader(contentsOf: folder.appendingPathComponent("inputs.npz")).tensor("input")

    // Recorded tensors we do not produce: the unused extra outputs of multi-output ATen ops
    // (batch-norm statistics, max-pool indices), which ONNX does not compute.
    let extraOutputs = Set(source.graph.nodes.flatMap { $0.outputs.dropFirst() })
    let produced = Set(onnx.graph.nodes.flatMap(\.outputs))
    let missing = sidecar.tensors.map(\.key).filter { !produced.contains($0) && !extraOutputs.contains($0) }
    XCTAssertEqual(missing, [], "\(model)/\(file): recorded tensors our ONNX lacks")

    let feed = onnx.graph.inputs[0].name
    var compared = 0, worst: Float = 0
    for i in 0..<sidecar.count {
      let result = try interpreter.run(inputs: [feed: Self.item(inputs, i, keepBatch: true)], capture: .all)
      for entry in sidecar.tensors where produced.contains(entry.key) {
        let expected = Self.item(try recorded.tensor(entry.key), i, keepBatch: entry.batch == "concat")
        let actual = try XCTUnwrap(result.captured[entry.key] ?? result.outputs[entry.key], entry.key)
        assertClose(actual, expected, rtol: 1e-4, atol: 1e-5, "\(model)/\(file) input \(i) tensor \(entry.key)")
        if let a = actual.floats(), let e = expected.floats(), a.count == e.count {
          let d = maxAbsDifference(a, e)
          worst = d.isNaN || worst.isNaN ? .nan : max(worst, d)
        }
        compared += 1
      }
      let output = sidecar.outputs[0]
      let ours = try XCTUnwrap(result.outputs[output]?.floats())
      let torch = try XCTUnwrap(Self.item(try recorded.tensor(output), i, keepBatch: true).floats())
      XCTAssertEqual(Self.argmax(ours), Self.argmax(torch), "\(model)/\(file) input \(i): top-1")
    }
    XCTAssertGreaterThan(compared, 0)
    print("golden torch/\(model)/\(file): \(compared) activations compared over \(sidecar.count) inputs, max |ours - torch| = \(worst)")
  }

  /// Element `i` of the leading axis; `keepBatch` keeps it as an axis of size 1.
  static func item(_ t: Tensor, _ i: Int, keepBatch: Bool) -> Tensor {
    let rest = Array(t.shape.dropFirst())
    let size = rest.reduce(1, *) * (t.dtype.byteSize ?? 4)
    return Tensor(dtype: t.dtype, shape: keepBatch ? [1] + rest : rest, storage: t.storage,
                  range: (t.range.lowerBound + i * size)..<(t.range.lowerBound + (i + 1) * size))
  }

  static func argmax(_ v: [Float]) -> Int { v.indices.max { v[$0] < v[$1] } ?? -1 }
}
