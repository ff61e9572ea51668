import Foundation
import ModelFormats
import ModelGraph
import XCTest

@testable import Runtime

/// The other two libonnx-testdata suites, made by PyTorch's exporter (module and operator
/// tests): every test whose ops all have kernels at its opset must pass, as in
/// `ConformanceTests`. Tests at opsets before 7 use legacy `broadcast` attributes and are
/// skipped by the registry, not by this list.
final class PyTorchSuiteTests: XCTestCase {
  func test_PyTorchSuites_everyRunnableTestPasses() throws {
    var passed = 0, skipped = 0, failed: [String] = []
    for suite in ["pytorch-converted", "pytorch-operator"] {
      let root = ConformanceTests.root.deletingLastPathComponent().appendingPathComponent(suite)
      guard let tests = try? FileManager.default.contentsOfDirectory(atPath: root.path) else {
        return XCTFail("\(root.path) is missing: install libonnx-testdata")
      }
      for name in tests.sorted() where name.hasPrefix("test_") {
        let folder = root.appendingPathComponent(name)
        guard let model = try? ONNXFile.read(folder.appendingPathComponent("model.onnx")) else {
          failed.append("\(suite)/\(name): cannot read model"); continue
        }
        let runnable = model.graph.nodes.allSatisfy {
          Registry.kernel(op: $0.opType, domain: $0.domain, opset: Registry.opset(of: $0.domain, in: model.opsetImports)) != nil
        }
        guard runnable else { skipped += 1; continue }
        if let problem = ConformanceTests.run(model, folder: folder) { failed.append("\(suite)/\(name): \(problem)") } else { passed += 1 }
      }
    }
    print("pytorch suites: \(passed) passed, \(failed.count) failed, \(skipped) skipped (legacy opsets or sequence/string ops)")
    for f in failed { XCTFail(f) }
  }
}
