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
      model: [mobilenet_mini, resnet_mini, densenet_mini]
      opt: ["0", "3"]
    steps:
      - id: compare
        step: diff
        with:
          reference: \(packageRoot.path)/golden/keras/${model}/keras.npz
          candidate: ${out}/cand.npz
    """

  func test_PipelineSpec_matrixExpandsToEveryCombinationInStableOrder() throws {
    let spec = try PipelineSpec.load(write(sweep))
    XCTAssertEqual(spec.cells.map(\.name), [
      "model=mobilenet_mini,opt=0", "model=mobilenet_mini,opt=3", "model=resnet_mini,opt=0", "model=resnet_mini,opt=3",
      "model=densenet_mini,opt=0", "model=densenet_mini,opt=3",
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
      guard case PipelineError.invalid(_, let problems) = error, problems.count == 1,
            case .yaml(_, 4, 19, "steps.0.step", let problem) = problems[0] else { return XCTFail("\(error)") }
      XCTAssertTrue(problem.contains("unknown step kind 'teleport'") && problem.contains("localize"), problem)
    }
    XCTAssertThrowsError(try PipelineSpec.load(write("name: [unclosed"))) { error in
      guard case PipelineError.invalid(_, let problems) = error, case .yaml(_, 2, 1, "", _) = problems.first else {
        return XCTFail("\(error)")
      }
    }
  }

  func test_PipelineRunner_failingStepIsReportedAndMergeJoinsShards() throws {
    let out = try temporaryFolder().appendingPathComponent("sweep")
    let yaml = sweep.replacingOccurrences(of: "out/sweep", with: out.path)
    let spec = try PipelineSpec.load(write(yaml))
    var shardFiles: [URL] = []
    for i in 0..<2 {
      let run = PipelineRunner(spec: spec, shard: Shard(index: i, count: 2), log: { _ in }).run()
      // The candidates are never made: every cell's step fails with a message naming the file.
      XCTAssertTrue(run.failed)
      XCTAssertTrue(run.cells.allSatisfy { $0.steps.first?.summary.contains("/cand.") == true }, "\(run.cells)")
      let file = out.appendingPathComponent("shard\(i).json")
      try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
      try run.jsonData().write(to: file)
      shardFiles.append(file)
    }
    let merged = try PipelineRun.merge(shardFiles)
    XCTAssertEqual(merged.cells.count, 6)
    XCTAssertEqual(merged.shard, "all")
    XCTAssertEqual(merged.cells.map(\.cell), spec.cells, "merged in matrix order")
    XCTAssertTrue(merged.html(in: out).contains("model=densenet_mini,opt=3"))
  }
}
