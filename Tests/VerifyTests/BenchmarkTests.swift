import Foundation
import Importers
import ModelFormats
import ModelGraph
import TestSupport
import Verify
import XCTest

/// Full-size ResNet101V2 (keras.applications, weights=None) against its tf2onnx conversion, when
/// `zoo/resnet101v2.keras` and `zoo/resnet101v2.tf2onnx.onnx` exist (they are not committed).
/// Meaningful in a release build: `swift test -c release --filter BenchmarkTests`.
final class BenchmarkTests: XCTestCase {
  func test_Verify_benchmarkResNet101V2AgainstTf2onnx() throws {
    #if DEBUG
      try XCTSkipIf(true, "timing is only meaningful in a release build")
    #endif
    let zoo = packageRoot.appendingPathComponent("zoo")
    let source = zoo.appendingPathComponent("resnet101v2.keras"), peer = zoo.appendingPathComponent("resnet101v2.tf2onnx.onnx")
    try XCTSkipUnless(FileManager.default.fileExists(atPath: source.path) && FileManager.default.fileExists(atPath: peer.path),
                      "zoo/resnet101v2.keras and zoo/resnet101v2.tf2onnx.onnx not present")
    let clock = ContinuousClock()
    var graph: Graph?
    var model: Model?
    let load = try clock.measure {
      graph = try Importers.importModel(at: source)
      model = try ONNXFile.read(peer)
    }
    let g = try XCTUnwrap(graph), m = try XCTUnwrap(model)
    var report: VerifyReport?
    let verify = try clock.measure { report = try Verifier.verify(source: g, candidate: m) }
    let r = try XCTUnwrap(report)
    print("ResNet101V2 vs tf2onnx: load \(load), verify \(verify); \(r.summary)")
    XCTAssertEqual(r.verdict, .equivalentWithRewrites, r.text(limit: 5))
  }
}
