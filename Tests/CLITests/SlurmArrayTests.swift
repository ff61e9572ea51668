import Foundation
import TestSupport
import XCTest

/// Shards of a pipeline run as a real Slurm array job (`scripts/slurm-local.sh`, a one-node Slurm
/// on localhost) and merged must equal the same pipeline run unsharded in one process.
final class SlurmArrayTests: XCTestCase {
  func test_SlurmArray_twoShardsMergedEqualTheUnshardedRun() throws {
    guard let sbatch = executablesOnPath("sbatch").first, getuid() == 0 else {
      let why = "SKIPPED: Slurm array test needs sbatch on PATH (scripts/setup.sh) and root"
      FileHandle.standardError.write(Data((why + "\n").utf8))
      throw XCTSkip(why)
    }
    let folder = try temporaryFolder()
    let state = folder.appendingPathComponent("slurm")
    // pipelines/study-small.yaml with absolute paths (the shards run in Slurm's working folder):
    // four cells, two a shard.
    let pipeline = try studySmallCopy(in: folder, absolutePaths: true)

    let single = try runDeltaNN(["pipeline", "run", pipeline.path])
    XCTAssertEqual(single.status, 0, single.stderr)
    let expected = try PipelineRecord(contentsOf: folder.appendingPathComponent("out/pipeline.json"))
    XCTAssertEqual(expected.cells.count, 4)
    XCTAssertTrue(expected.cells.allSatisfy { $0.steps.allSatisfy { $0.status != "failed" && $0.status != "skipped" } }, "\(expected.cells)")

    var environment = ProcessInfo.processInfo.environment
    environment["DELTANN"] = deltannExecutable.path
    environment["DELTANN_SLURM_STATE"] = state.path
    environment["DELTANN_SLURM_PORT"] = "6917"
    // Same output folder as the unsharded run, so the shards must not take its cells from the cache.
    environment["DELTANN_SHARD_ARGS"] = "--force"
    addTeardownBlock {
      _ = try? runProcess(URL(fileURLWithPath: "/bin/bash"), [packageRoot.appendingPathComponent("scripts/slurm-local.sh").path, "stop"],
                          environment: environment)
    }
    let script = packageRoot.appendingPathComponent("scripts/slurm-local.sh").path
    let merged = folder.appendingPathComponent("merged")
    let slurm = try runProcess(URL(fileURLWithPath: "/bin/bash"), [script, "run", pipeline.path, "2", merged.path],
                               environment: environment, directory: folder)
    XCTAssertEqual(slurm.status, 0, "\(sbatch.path): \(slurm.stdout)\n\(slurm.stderr)")

    // Each shard ran as a task of one array job and wrote its own result.
    let job = try XCTUnwrap(slurm.stdout.firstMatch(of: /shard 0\/2 \(job (\d+)_0\)/)?.1, slurm.stdout)
    XCTAssertTrue(slurm.stdout.contains("shard 1/2 (job \(job)_1)"), slurm.stdout)
    XCTAssertEqual(slurm.stdout.components(separatedBy: "cells: 2 run, 0 taken from the cache").count - 1, 2, slurm.stdout)
    for (i, count) in [(0, 2), (1, 2)] {
      let shard = try PipelineRecord(contentsOf: folder.appendingPathComponent("out/pipeline-\(i)-of-2.json"))
      XCTAssertEqual(shard.shard, "\(i)/2")
      XCTAssertEqual(shard.cells.count, count)
    }
    let joined = try PipelineRecord(contentsOf: merged.appendingPathComponent("pipeline.json"))
    XCTAssertEqual(joined, expected)
  }
}
