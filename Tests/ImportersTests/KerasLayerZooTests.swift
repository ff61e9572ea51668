import Foundation
import Lowering
import ModelFormats
import ModelGraph
import Runtime
import TestSupport
import XCTest
@testable import Importers

/// One model using every Keras lowering rule (`Fixtures/layers.keras`, made by
/// `make_fixtures.py`): our ONNX run by our interpreter matches what Keras computed for every
/// layer (`layers.npz`), max |diff| ≤ 1e-4 × the layer's value range, in both layouts.
final class KerasLayerZooTests: XCTestCase {
  let fixtures = packageRoot.appendingPathComponent("Tests/ImportersTests/Fixtures")

  func test_KerasLayerZoo_everyLayerMatchesKeras() throws {
    let source = try Importers.importModel(at: fixtures.appendingPathComponent("layers.keras"))
    let recorded = try NPZReader(contentsOf: fixtures.appendingPathComponent("layers.npz"))
    let input = try recorded.tensor("input")
    for options in [LoweringOptions(), LoweringOptions(keepNHWC: true), LoweringOptions(foldBatchNorm: true)] {
      let onnx = try Lowering.lower(source, options: options)
      XCTAssertEqual(ONNXChecker.check(onnx), .valid, "\(options)")
      let channelsFirst = Set(onnx.graph.valueInfo.filter { $0.docString.hasPrefix("layout: channels-first") }.map(\.name))
      let feed = options.keepNHWC ? input : input.channelsFirst()
      let result = try Interpreter(model: onnx).run(inputs: [onnx.graph.inputs[0].name: feed], capture: .all)
      var compared = 0
      for key in recorded.keys where key != "input" {
        guard let actual = result.captured[key] ?? result.outputs[key] else {
          XCTFail("\(options): no tensor for layer \(key)"); continue
        }
        var expected = try recorded.tensor(key)
        if channelsFirst.contains(key) { expected = expected.channelsFirst() }
        XCTAssertEqual(actual.shape, expected.shape, "\(options) \(key)")
        guard let a = actual.floats(), let e = expected.floats(), a.count == e.count else { continue }
        let range = max((e.max() ?? 0) - (e.min() ?? 0), 1e-6)
        let diff = maxAbsDifference(a, e)
        XCTAssertLessThanOrEqual(diff, 1e-4 * range, "\(options) layer \(key)")
        compared += 1
      }
      XCTAssertEqual(compared, recorded.keys.count - 1, "\(options)")
    }
  }
}
