import Foundation
import Pipeline
import TestSupport
import XCTest

final class PipelineSpecTests: XCTestCase {
  private func write(_ yaml: String) throws -> URL {
    let url = try temporaryFolder().appendingPathComponent("spec.yaml")
    try yaml.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  private let sweep = """
    name: sweep
    output: out/sweep
    matrix:
      model: [a, b, c]
      opt: ["0", "3"]
    steps:
      - id: compare
        step: diff
        with:
          reference: golden/${model}/keras.npz
          candidate: ${out}/cand.npz
    """

  func test_PipelineSpec_matrixExpandsToEveryCombinationInStableOrder() throws {
    let spec = try PipelineSpec.load(write(sweep))
    XCTAssertEqual(spec.cells.map(\.name), [
      "model=a,opt=0", "model=a,opt=3", "model=b,opt=0", "model=b,opt=3", "model=c,opt=0", "model=c,opt=3",
    ])
  }

  func test_Shard_slicesPartitionTheCells() throws {
    let cells = try PipelineSpec.load(write(sweep)).cells
    let slices = try (0..<4).map { try Shard(parsing: "\($0)/4").select(cells) }
    XCTAssertEqual(slices.map(\.count), [2, 2, 1, 1])
    XCTAssertEqual(Set(slices.flatMap { $0 }), Set(cells), "every cell exactly once")
    XCTAssertEqual(slices.flatMap { $0 }.count, cells.count)
    for bad in ["4/4", "-1/2", "1", "a/b", "1/0"] {
      XCTAssertThrowsError(try Shard(parsing: bad), bad)
    }
  }

  func test_PipelineSpec_unknownStepKindIsNamedWithTheKnownOnes() throws {
    let url = try write("name: x\noutput: out\nsteps:\n  - {id: s, step: teleport, with: {}}\n")
    XCTAssertThrowsError(try PipelineSpec.load(url)) { error in
      guard case PipelineError.unknownStep(_, "s", "teleport", let known) = error else { return XCTFail("\(error)") }
      XCTAssertTrue(known.contains("localize"))
    }
    XCTAssertThrowsError(try PipelineSpec.load(write("name: [unclosed"))) { error in
      guard case PipelineError.yaml(_, let line, let column, _, _) = error else { return XCTFail("\(error)") }
      XCTAssertGreaterThanOrEqual(line, 1)
      XCTAssertGreaterThanOrEqual(column, 1)
    }
  }

  func test_PipelineRunner_failingStepIsReportedAndMergeJoinsShards() throws {
    let out = try temporaryFolder().appendingPathComponent("sweep")
    let yaml = sweep.replacingOccurrences(of: "out/sweep", with: out.path)
    let spec = try PipelineSpec.load(write(yaml))
    var shardFiles: [URL] = []
    for i in 0..<2 {
      let run = PipelineRunner(spec: spec, shard: Shard(index: i, count: 2), log: { _ in }).run()
      // The recordings do not exist: every cell's step fails with a message naming the file.
      XCTAssertTrue(run.failed)
      XCTAssertTrue(run.cells.allSatisfy { $0.steps.first?.summary.contains("keras") == true })
      let file = out.appendingPathComponent("shard\(i).json")
      try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
      try run.jsonData().write(to: file)
      shardFiles.append(file)
    }
    let merged = try PipelineRun.merge(shardFiles)
    XCTAssertEqual(merged.cells.count, 6)
    XCTAssertEqual(merged.shard, "all")
    XCTAssertTrue(merged.html(in: out).contains("model=c,opt=3"))
  }
}
