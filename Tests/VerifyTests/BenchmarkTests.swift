import Foundation
import Importers
import ModelFormats
import ModelGraph
import TestSupport
import Verify
import XCTest

/// Full-size ResNet101V2 (keras.applications, weights=None, BatchNormalization statistics
/// seeded) against its tf2onnx conversion, as the zoo generator lays them out:
/// `<zoo>/keras/resnet101v2/model.keras` and `tf2onnx.onnx`, where `<zoo>` is `$DELTANN_ZOO` or
/// the package's `zoo/` (not committed). Make them with
/// `PYTHONPATH=converters .venv/bin/python scripts/keras-zoo.py make zoo/keras` (all four
/// architectures) or `… -m deltann_converters zoo --arch resnet101v2 --framework keras --out zoo/keras/resnet101v2`.
/// Timings are meaningful in a release build only: `swift test -c release -Xswiftc -enable-testing --filter BenchmarkTests`.
final class BenchmarkTests: XCTestCase {
  func test_Verify_benchmarkResNet101V2AgainstTf2onnx() throws {
    #if DEBUG
      try XCTSkipIf(true, "BenchmarkTests times full-size models: run `swift test -c release -Xswiftc -enable-testing --filter BenchmarkTests`")
    #endif
    let zoo = ProcessInfo.processInfo.environment["DELTANN_ZOO"].map { URL(fileURLWithPath: $0) }
      ?? packageRoot.appendingPathComponent("zoo")
    let folder = zoo.appendingPathComponent("keras/resnet101v2")
    let source = folder.appendingPathComponent("model.keras"), peer = folder.appendingPathComponent("tf2onnx.onnx")
    try XCTSkipUnless(FileManager.default.fileExists(atPath: source.path) && FileManager.default.fileExists(atPath: peer.path),
                      "\(folder.path) has no model.keras and tf2onnx.onnx: make them with "
                        + "`PYTHONPATH=converters .venv/bin/python scripts/keras-zoo.py make zoo/keras` (or set DELTANN_ZOO)")
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
