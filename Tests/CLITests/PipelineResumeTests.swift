import Foundation
import TestSupport
import XCTest

/// A pipeline run killed with SIGKILL part-way resumes: the cells it finished are taken from the
/// cache (counted), a damaged cache entry is not trusted, and the result equals a run that was
/// never interrupted.
final class PipelineResumeTests: XCTestCase {
  /// Eight cells of convert + localize on golden's Keras miniatures (about 0.2 s each).
  private func writePipeline(in folder: URL) throws -> URL {
    let golden = packageRoot.appendingPathComponent("golden/keras").path
    let url = folder.appendingPathComponent("resume.yaml")
    try """
      name: resume
      output: \(folder.path)/out
      matrix:
        model: [mobilenet_mini, resnet_mini, densenet_mini, inception_mini]
        fold: ["false", "true"]
      steps:
        - id: convert
          step: convert
          with: {model: "\(golden)/${model}/model.keras", output: "${out}/model.onnx", fold_batchnorm: "${fold}"}
        - id: localize
          step: localize
          with: {reference: "\(golden)/${model}/keras.npz", candidate: "${out}/model.onnx", report: "${out}/report"}
      """.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  private func cacheEntries(_ folder: URL) -> [URL] {
    let cache = folder.appendingPathComponent("out/.cache")
    return ((try? FileManager.default.contentsOfDirectory(at: cache, includingPropertiesForKeys: nil)) ?? [])
      .filter { $0.pathExtension == "json" }
  }

  func test_PipelineRun_killedHalfwayResumesWithoutRedoingFinishedCells() throws {
    let folder = try temporaryFolder()
    try killAndResume(try writePipeline(in: folder), in: folder, cells: 8, killAfter: 3)
  }

  /// pipelines/study-small.yaml (run, compare; timings differ between runs and are left out of
  /// the comparison), killed once two of its four cells are stored.
  func test_StudySmall_killedHalfwayResumesWithoutRedoingFinishedCells() throws {
    let folder = try temporaryFolder()
    try killAndResume(try studySmallCopy(in: folder), in: folder, cells: 4, killAfter: 2)
  }

  /// Runs `pipeline` whole; runs it again killed with SIGKILL once `killAfter` cells are stored;
  /// damages one stored entry; resumes; checks the cells counted as taken from the cache and
  /// that the result equals the uninterrupted run.
  private func killAndResume(_ pipeline: URL, in folder: URL, cells: Int, killAfter: Int) throws {
    // The truth: the same pipeline, never interrupted.
    let whole = try runDeltaNN(["pipeline", "run", pipeline.path], in: packageRoot)
    XCTAssertEqual(whole.status, 0, whole.stderr)
    XCTAssertTrue(whole.stdout.contains("cells: \(cells) run, 0 taken from the cache"), whole.stdout)
    let expected = try PipelineRecord(contentsOf: folder.appendingPathComponent("out/pipeline.json"))
    XCTAssertEqual(expected.cells.count, cells)
    XCTAssertTrue(expected.cells.allSatisfy { $0.steps.allSatisfy { $0.status != "failed" } }, "\(expected.cells)")
    try FileManager.default.removeItem(at: folder.appendingPathComponent("out"))

    // Killed once `killAfter` cells are stored.
    let process = Process()
    process.executableURL = deltannExecutable
    process.arguments = ["pipeline", "run", pipeline.path]
    process.currentDirectoryURL = packageRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(120)
    while cacheEntries(folder).count < killAfter, process.isRunning, Date() < deadline { usleep(2_000) }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the run ended before it was killed")
    let finished = cacheEntries(folder)
    XCTAssertGreaterThanOrEqual(finished.count, killAfter)
    XCTAssertLessThan(finished.count, cells)
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/pipeline.json").path))

    // A half-written entry (as a crash inside a non-atomic write would leave) is not trusted.
    let damaged = try XCTUnwrap(finished.first)
    let bytes = try Data(contentsOf: damaged)
    try bytes.prefix(bytes.count / 2).write(to: damaged)

    let resumed = try runDeltaNN(["pipeline", "run", pipeline.path], in: packageRoot)
    XCTAssertEqual(resumed.status, 0, resumed.stderr)
    let reused = finished.count - 1
    XCTAssertTrue(resumed.stdout.contains("cells: \(cells - reused) run, \(reused) taken from the cache"), resumed.stdout)
    XCTAssertEqual(resumed.stdout.components(separatedBy: "finished before, taken from the cache").count - 1, reused, resumed.stdout)
    XCTAssertEqual(try PipelineRecord(contentsOf: folder.appendingPathComponent("out/pipeline.json")), expected)
    XCTAssertEqual(cacheEntries(folder).count, cells)
  }

  /// pipeline.json and .html of an earlier run: replacing a file is broken on main
  /// (FileManager.replaceItemAt deletes it; issue 17's StagedFile fixes that).
  private func removeResultFiles(_ folder: URL) throws {
    for name in ["pipeline.json", "pipeline.html"] {
      try FileManager.default.removeItem(at: folder.appendingPathComponent("out/\(name)"))
    }
  }

  func test_PipelineRun_forceRecomputesAndChangedInputsAreNotTakenFromTheCache() throws {
    let folder = try temporaryFolder()
    let golden = packageRoot.appendingPathComponent("golden/keras/resnet_mini/model.keras")
    let model = folder.appendingPathComponent("model.keras")
    try FileManager.default.copyItem(at: golden, to: model)
    let pipeline = folder.appendingPathComponent("p.yaml")
    try """
      name: one
      output: \(folder.path)/out
      matrix:
        shard: [a, b]
      steps:
        - id: convert
          step: convert
          with: {model: "\(model.path)", output: "${out}/model.onnx"}
      """.write(to: pipeline, atomically: true, encoding: .utf8)
    let first = try runDeltaNN(["pipeline", "run", pipeline.path])
    XCTAssertTrue(first.stdout.contains("cells: 2 run, 0 taken from the cache"), first.stdout + first.stderr)
    try removeResultFiles(folder)
    let forced = try runDeltaNN(["pipeline", "run", pipeline.path, "--force"])
    XCTAssertTrue(forced.stdout.contains("cells: 2 run, 0 taken from the cache"), forced.stdout + forced.stderr)
    // The same file name with other bytes (another model) is another input.
    try FileManager.default.removeItem(at: model)
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("golden/keras/mobilenet_mini/model.keras"), to: model)
    try removeResultFiles(folder)
    let changed = try runDeltaNN(["pipeline", "run", pipeline.path])
    XCTAssertTrue(changed.stdout.contains("cells: 2 run, 0 taken from the cache"), changed.stdout + changed.stderr)
    XCTAssertTrue(changed.stdout.contains("32 layers"), "mobilenet_mini's conversion, not resnet_mini's: \(changed.stdout)")
  }

  /// The cache keys on the program's bytes: the same tool copied elsewhere (another path, a newer
  /// modification time) keeps the finished cells.
  func test_PipelineRun_copiedProgramKeepsTheCache() throws {
    let folder = try temporaryFolder()
    let golden = packageRoot.appendingPathComponent("golden/keras/resnet_mini/model.keras")
    let pipeline = folder.appendingPathComponent("p.yaml")
    try """
      name: one
      output: \(folder.path)/out
      steps:
        - id: convert
          step: convert
          with: {model: "\(golden.path)", output: "${out}/model.onnx"}
      """.write(to: pipeline, atomically: true, encoding: .utf8)
    let first = try runDeltaNN(["pipeline", "run", pipeline.path], in: packageRoot)
    XCTAssertTrue(first.stdout.contains("cells: 1 run, 0 taken from the cache"), first.stdout + first.stderr)
    try removeResultFiles(folder)
    let copy = folder.appendingPathComponent("deltann-copy")
    try FileManager.default.copyItem(at: deltannExecutable, to: copy)
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: copy.path)
    let again = try runProcess(copy, ["pipeline", "run", pipeline.path], directory: packageRoot)
    XCTAssertEqual(again.status, 0, again.stderr)
    XCTAssertTrue(again.stdout.contains("cells: 0 run, 1 taken from the cache"), again.stdout + again.stderr)
  }
}
