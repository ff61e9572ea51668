import Foundation
import Lowering
import ModelFormats
import ModelGraph
import Runtime
import TestSupport
import XCTest
@testable import Importers

/// Every golden Keras model, from `.keras` and from `.h5`: our ONNX passes libonnx's checker and
/// shape inference, and run by our interpreter matches the activation Keras recorded for every
/// layer (max |diff| ≤ 1e-4 × the layer's value range) with the same top-1 on every input.
final class GoldenKerasTests: XCTestCase {
  static let models = ["mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"]

  struct Sidecar: Decodable {
    struct Entry: Decodable {
      let key: String
      let layer: String
      let shape: [Int]
      let layout: String
    }
    let count: Int
    let outputs: [String]
    let tensors: [Entry]
  }

  func folder(_ model: String) -> URL { packageRoot.appendingPathComponent("golden/keras/\(model)") }

  func lowered(_ model: String, _ file: String, _ options: LoweringOptions = LoweringOptions()) throws -> Model {
    let url = folder(model).appendingPathComponent(file)
    return try Lowering.lower(try Importers.importModel(at: url), file: url.path, options: options)
  }

  func test_GoldenKeras_everyLayerMatchesKeras() throws {
    for model in Self.models {
      for file in ["model.keras", "model.h5"] { try check(model, file) }
    }
  }

  func test_GoldenKeras_kerasAndH5GiveTheSameONNX() throws {
    for model in Self.models {
      let a = try lowered(model, "model.keras"), b = try lowered(model, "model.h5")
      XCTAssertEqual(a.graph.nodes, b.graph.nodes, model)
      XCTAssertEqual(a.graph.initializers, b.graph.initializers, model)
      XCTAssertEqual(a.graph.inputs, b.graph.inputs, model)
      XCTAssertEqual(a.graph.outputs, b.graph.outputs, model)
    }
  }

  func test_GoldenKeras_foldedAndNHWCVariantsKeepTheOutputs() throws {
    for model in Self.models {
      let sidecar = try JSONDecoder().decode(Sidecar.self, from: Data(contentsOf: folder(model).appendingPathComponent("keras.json")))
      let inputs = try NPZReader(contentsOf: folder(model).appendingPathComponent("inputs.npz")).tensor("input")
      let recorded = try NPZReader(contentsOf: folder(model).appendingPathComponent("keras.npz"))
      let output = sidecar.outputs[0]
      for options in [LoweringOptions(foldBatchNorm: true), LoweringOptions(keepNHWC: true)] {
        let onnx = try lowered(model, "model.keras", options)
        XCTAssertEqual(ONNXChecker.check(onnx), .valid, "\(model) \(options)")
        let interpreter = try Interpreter(model: onnx)
        for i in 0..<sidecar.count {
          let x = item(inputs, i)
          let feed = options.keepNHWC ? x : x.channelsFirst()
          let result = try interpreter.run(inputs: [onnx.graph.inputs[0].name: feed])
          let expected = item(try recorded.tensor(output), i)
          assertClose(try XCTUnwrap(result.outputs[output]), expected, rtol: 1e-4, atol: 1e-5, "\(model) \(options) input \(i)")
        }
        if options.foldBatchNorm {
          XCTAssertLessThan(onnx.graph.nodes.filter { $0.opType == "BatchNormalization" }.count,
                            try lowered(model, "model.keras").graph.nodes.filter { $0.opType == "BatchNormalization" }.count, model)
        }
      }
    }
  }

  private func check(_ model: String, _ file: String) throws {
    let onnx = try lowered(model, file)
    XCTAssertEqual(ONNXChecker.check(onnx), .valid, "\(model)/\(file)")
    XCTAssertNoThrow(try ONNXChecker.inferShapes(onnx), "\(model)/\(file)")
    XCTAssertTrue(onnx.graph.nodes.allSatisfy { $0.provenance != nil }, "\(model)/\(file): every node has provenance")
    let sidecar = try JSONDecoder().decode(Sidecar.self, from: Data(contentsOf: folder(model).appendingPathComponent("keras.json")))
    let recorded = try NPZReader(contentsOf: folder(model).appendingPathComponent("keras.npz"))
    let inputs = try NPZReader(contentsOf: folder(model).appendingPathComponent("inputs.npz")).tensor("input")
    let produced = Set(onnx.graph.nodes.flatMap(\.outputs))
    XCTAssertEqual(sidecar.tensors.map(\.key).filter { !produced.contains($0) }, [], "\(model)/\(file): layers without a tensor")
    let interpreter = try Interpreter(model: onnx)
    let channelsFirst = Set(onnx.graph.valueInfo.filter { $0.docString.hasPrefix("layout: channels-first") }.map(\.name))
    var worst: (ratio: Float, key: String) = (0, "")
    var ranges: [String: Float] = [:]
    for entry in sidecar.tensors {
      let values = try XCTUnwrap(try recorded.tensor(entry.key).floats())
      ranges[entry.key] = max((values.max() ?? 0) - (values.min() ?? 0), 1e-6)
    }
    for i in 0..<sidecar.count {
      let result = try interpreter.run(inputs: [onnx.graph.inputs[0].name: item(inputs, i).channelsFirst()], capture: .all)
      for entry in sidecar.tensors {
        var expected = item(try recorded.tensor(entry.key), i)
        let actual = try XCTUnwrap(result.captured[entry.key] ?? result.outputs[entry.key], entry.key)
        if channelsFirst.contains(entry.key) { expected = expected.channelsFirst() }
        XCTAssertEqual(actual.shape, expected.shape, "\(model)/\(file) \(entry.key)")
        guard let a = actual.floats(), let e = expected.floats(), a.count == e.count else { continue }
        let diff = maxAbsDifference(a, e)
        let ratio = diff / (ranges[entry.key] ?? 1)
        XCTAssertLessThanOrEqual(ratio, 1e-4, "\(model)/\(file) input \(i) layer \(entry.key): max |diff| \(diff)")
        if ratio > worst.ratio { worst = (ratio, entry.key) }
      }
      let output = sidecar.outputs[0]
      let ours = try XCTUnwrap(result.outputs[output]?.floats())
      let keras = try XCTUnwrap(item(try recorded.tensor(output), i).floats())
      XCTAssertEqual(argmax(ours), argmax(keras), "\(model)/\(file) input \(i): top-1")
    }
    print("golden keras/\(model)/\(file): \(sidecar.tensors.count) layers × \(sidecar.count) inputs, worst max|diff|/range = \(worst.ratio) at \(worst.key)")
  }

  /// Element `i` of the leading axis, kept as a batch of 1.
  func item(_ t: Tensor, _ i: Int) -> Tensor {
    let rest = Array(t.shape.dropFirst())
    let size = rest.reduce(1, *) * (t.dtype.byteSize ?? 4)
    return Tensor(dtype: t.dtype, shape: [1] + rest, storage: t.storage,
                  range: (t.range.lowerBound + i * size)..<(t.range.lowerBound + (i + 1) * size))
  }

  func argmax(_ v: [Float]) -> Int { v.indices.max { v[$0] < v[$1] } ?? -1 }
}

extension Tensor {
  /// A float32 `[N, H, W, C]` tensor as `[N, C, H, W]` (rank ≥ 3: last axis moved to 1).
  func channelsFirst() -> Tensor {
    guard let v = floats(), rank >= 3 else { return self }
    let n = shape[0], c = shape[rank - 1], inner = shape.dropFirst().dropLast().reduce(1, *)
    var out = [Float](repeating: 0, count: v.count)
    for b in 0..<n { for p in 0..<inner { for ch in 0..<c {
      out[(b * c + ch) * inner + p] = v[(b * inner + p) * c + ch]
    } } }
    return Tensor(out, shape: [n, c] + shape.dropFirst().dropLast())
  }
}
