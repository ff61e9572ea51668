import Foundation
import Pipeline
import TestSupport
import XCTest

/// Pipeline files that would overflow the YAML parser's stack or expand to an absurd matrix are
/// refused with a typed error before any work.
final class PipelineLimitsTests: XCTestCase {
  private func write(_ yaml: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("p.yaml")
    try Data(yaml.utf8).write(to: url)
    return url
  }

  private let steps = "steps:\n  - id: v\n    step: verify\n    with: {source: a.keras, candidate: b.onnx}\n"

  func test_PipelineSpec_deepNestingIsRefusedBeforeParsing() throws {
    let flow = "name: x\noutput: o\n" + steps + "extra: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
    let block = "name: x\noutput: o\n" + steps + "extra:\n"
      + (1...2_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1\n"
    let dashes = "name: x\noutput: o\n" + steps + "extra:\n  " + String(repeating: "- ", count: 10_000) + "1\n"
    for (what, text) in [("flow", flow), ("block", block), ("sequence entries", dashes)] {
      let url = try write(text)
      XCTAssertThrowsError(try PipelineSpec.load(url), what) { error in
        guard case PipelineError.yaml(let file, let line, _, _, let problem) = error else { return XCTFail("\(what): \(error)") }
        XCTAssertEqual(file, url.path)
        XCTAssertGreaterThanOrEqual(line, 7, what)
        XCTAssertTrue(problem.contains("at most 64"), problem)
      }
    }
  }

  func test_PipelineSpec_ordinaryNestingStillLoads() throws {
    let demo = try PipelineSpec.load(packageRoot.appendingPathComponent("pipelines/demo.yaml"))
    XCTAssertEqual(demo.steps.count, 5)
    // 60 levels of flow nesting: deep, but under the limit, so the file reaches validation, which
    // names the key it does not know (and not the depth).
    let nested = "name: x\noutput: o\n" + steps + "extra: " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + "\n"
    XCTAssertThrowsError(try PipelineSpec.load(write(nested))) { error in
      XCTAssertTrue("\(error)".contains("unknown key 'extra'"), "\(error)")
      XCTAssertFalse("\(error)".contains("at most 64"), "\(error)")
    }
  }

  func test_PipelineSpec_matrixOfAMillionCellsIsRefused() throws {
    let matrix = (0..<6).map { k in "  k\(k): [" + (0..<10).map { "v\($0)" }.joined(separator: ", ") + "]" }.joined(separator: "\n")
    let url = try write("name: x\noutput: o\nmatrix:\n" + matrix + "\n" + steps)
    let started = Date()
    XCTAssertThrowsError(try PipelineSpec.load(url)) { error in
      guard case PipelineError.spec(let file, let problem) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(file, url.path)
      XCTAssertTrue(problem.contains("1000000 cells"), problem)
    }
    XCTAssertLessThan(Date().timeIntervalSince(started), 2)
  }
}
