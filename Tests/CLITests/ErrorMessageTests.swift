import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// One error contract: bad input exits 2 with one `deltann: error:` line on stderr that names
/// the file and where in it, without framework debug dumps.
final class ErrorMessageTests: XCTestCase {
  let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")

  func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  func assertOneErrorLine(_ result: ProcessResult, naming path: String, line: UInt = #line) {
    XCTAssertEqual(result.status, 2, result.stderr, line: line)
    let lines = result.stderr.split(separator: "\n")
    XCTAssertEqual(lines.count, 1, result.stderr, line: line)
    XCTAssertTrue(result.stderr.hasPrefix("deltann: error: "), result.stderr, line: line)
    XCTAssertTrue(result.stderr.contains(path), result.stderr, line: line)
    for dump in ["NSCocoaErrorDomain", "DecodingError", "Context(", "UserInfo"] {
      XCTAssertFalse(result.stderr.contains(dump), result.stderr, line: line)
    }
  }

  func test_Run_garbledOpNamesTheOpNodeAndModelWithAFewSuggestions() throws {
    var graph = Graph(name: "g")
    graph.inputs = [.tensor("x", .float32, [.fixed(1), .fixed(4)])]
    graph.nodes = [Node(name: "act", opType: "Reul", inputs: ["x"], outputs: ["y"])]
    graph.outputs = [.tensor("y", .float32, [.fixed(1), .fixed(4)])]
    let dir = try folder()
    let model = dir.appendingPathComponent("garbled.onnx")
    try ONNXFile.write(Model(graph: graph), to: model)
    let input = dir.appendingPathComponent("x.npy")
    try NPY.write(Tensor([1, 2, 3, 4], shape: [1, 4]), to: input)
    let result = try runDeltaNN(["run", model.path, "--input", input.path])
    assertOneErrorLine(result, naming: model.path)
    XCTAssertTrue(result.stderr.contains("Reul"), result.stderr)
    XCTAssertTrue(result.stderr.contains("'act'"), result.stderr)
    XCTAssertTrue(result.stderr.contains("Relu"), result.stderr)
    // Suggestions, not the registry: far-off ops are not listed.
    for unrelated in ["Conv", "BatchNormalization", "Gemm"] { XCTAssertFalse(result.stderr.contains(unrelated), result.stderr) }
  }

  func test_Run_missingModelExitsTwoNamingIt() throws {
    let missing = try folder().appendingPathComponent("absent.onnx").path
    let result = try runDeltaNN(["run", missing, "--inputs", golden.appendingPathComponent("inputs.npz").path])
    assertOneErrorLine(result, naming: missing)
  }

  func test_Localize_missingReferenceNamesTheGivenFile() throws {
    let missing = try folder().appendingPathComponent("absent.npz").path
    let result = try runDeltaNN(["localize", "--reference", missing, "--candidate", golden.appendingPathComponent("tf2onnx.onnx").path])
    assertOneErrorLine(result, naming: missing)
    XCTAssertFalse(result.stderr.contains("absent.json"), result.stderr)
  }

  func test_Pipeline_yamlErrorsGiveLineColumnAndKey() throws {
    let dir = try folder()
    let cases: [(String, String)] = [
      ("name: x\noutput: o\nsteps:\n  - id: a\n    step: verify\n    with: [1, 2]\n", ":6:11: 'steps.0.with': expected a mapping"),
      ("name: x\noutput: o\nsteps:\n  - id: a\n    step: verify\n", ":4:5: 'steps.0': missing key 'with'"),
      ("name: [x\n", ":2:1: "),
    ]
    for (i, (text, expected)) in cases.enumerated() {
      let file = dir.appendingPathComponent("p\(i).yaml")
      try Data(text.utf8).write(to: file)
      let result = try runDeltaNN(["pipeline", "run", file.path])
      assertOneErrorLine(result, naming: file.path + expected)
    }
  }
}
