import Foundation
import ModelFormats
import ModelGraph
import XCTest

@testable import Runtime

/// The other two libonnx-testdata suites, made by PyTorch's exporter (module and operator
/// tests): every test whose ops all have kernels at its opset must pass, as in
/// `ConformanceTests`. A test that cannot be read fails; a test with an op the registry has no
/// kernel for at its opset (legacy `broadcast` attributes before opset 7, sequence and string
/// ops) is listed by name with its ops, and fails when those ops are all ones issue 5 requires.
final class PyTorchSuiteTests: XCTestCase {
  func test_PyTorchSuites_everyRunnableTestPasses() throws {
    var passed = 0, failed: [String] = [], skipped: [String] = []
    for suite in ["pytorch-converted", "pytorch-operator"] {
      let root = ConformanceTests.root.deletingLastPathComponent().appendingPathComponent(suite)
      let tests: [String]
      do { tests = try FileManager.default.contentsOfDirectory(atPath: root.path) } catch {
        return XCTFail("\(root.path) cannot be listed (\(error)): install libonnx-testdata")
      }
      for name in tests.sorted() where name.hasPrefix("test_") {
        let folder = root.appendingPathComponent(name)
        let model: Model
        do { model = try ONNXFile.read(folder.appendingPathComponent("model.onnx")) } catch {
          failed.append("\(suite)/\(name): cannot read model: \(error)"); continue
        }
        let opset = { (n: Node) in Registry.opset(of: n.domain, in: model.opsetImports) }
        let missing = Set(model.graph.nodes.filter { Registry.kernel(op: $0.opType, domain: $0.domain, opset: opset($0)) == nil }
          .map { "\(Registry.qualified($0.opType, $0.domain))@\(opset($0))" })
        guard missing.isEmpty else {
          skipped.append("\(suite)/\(name) (\(missing.sorted().joined(separator: ", ")))")
          let ops = Set(model.graph.nodes.map { Registry.qualified($0.opType, $0.domain) })
          if ops.isSubset(of: ConformanceTests.listed), model.graph.nodes.allSatisfy({ opset($0) >= 7 }) {
            failed.append("\(suite)/\(name): no kernel for \(missing.sorted()), all of them ops issue 5 lists")
          }
          continue
        }
        if let problem = ConformanceTests.run(model, folder: folder) { failed.append("\(suite)/\(name): \(problem)") } else { passed += 1 }
      }
    }
    print("pytorch suites: \(passed) passed, \(failed.count) failed, \(skipped.count) skipped (no kernel at the test's opset):")
    for s in skipped { print("  skipped: \(s)") }
    for f in failed { XCTFail(f) }
  }
}
