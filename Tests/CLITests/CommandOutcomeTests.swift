import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// Every command's outcomes through the built `deltann`: 0 when all is well (equivalent,
/// labels kept), 1 for a finding (not equivalent, labels changed, a failed or flagged step),
/// 2 for bad usage. Bad input files (exit 2 naming the file) are covered per command elsewhere.
///
/// The models are golden's Keras MobileNet miniature converted by deltann, and a copy with a
/// real converter bug injected (BatchNormalization's mean and variance swapped; `mutate`), both
/// made once by a pipeline run, which is itself the `pipeline run` exit-0 case.
final class CommandOutcomeTests: XCTestCase {
  static let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")
  nonisolated(unsafe) static var made: (folder: URL, run: ProcessResult)?

  /// `<folder>/out/all/ours.onnx` and `faulty.onnx` (`all`: the one cell's folder), from one
  /// pipeline run shared by the tests.
  func fixture() throws -> URL {
    if let made = Self.made { return made.folder.appendingPathComponent("out/all") }
    let folder = try makeTemporaryFolder(prefix: "deltann-outcomes")
    let pipeline = try Self.pipeline(in: folder, name: "outcomes", steps: """
      - {id: convert, step: convert, with: {model: "\(Self.golden.path)/model.keras", output: "${out}/ours.onnx"}}
      - {id: mutate, step: mutate, with: {model: "${out}/ours.onnx", fault: bn-mean-variance-swapped, site: "0", output: "${out}/faulty.onnx"}}

      """)
    let run = try runDeltaNN(["pipeline", "run", pipeline.path])
    Self.made = (folder, run)
    return folder.appendingPathComponent("out/all")
  }

  override class func tearDown() {
    if let made { try? FileManager.default.removeItem(at: made.folder) }
    made = nil
    super.tearDown()
  }

  /// A pipeline file in `folder` with these steps (YAML lines, indented as list items of
  /// `steps`) and `matrix` lines, writing into `<folder>/out`.
  static func pipeline(in folder: URL, name: String, matrix: String = "", steps: String) throws -> URL {
    let url = folder.appendingPathComponent(name + ".yaml")
    try ("name: \(name)\noutput: \(folder.path)/out\n" + matrix + "steps:\n" + steps).write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  private func assertUsageError(_ arguments: [String], mentions text: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let result = try runDeltaNN(arguments)
    XCTAssertEqual(result.status, 2, "deltann \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
    XCTAssertTrue(result.stderr.contains(text), "expected '\(text)' in: \(result.stderr)", file: file, line: line)
  }

  // MARK: convert

  func test_Convert_writesAModelTheInterpreterRuns() throws {
    let out = try temporaryFolder().appendingPathComponent("m.onnx")
    let result = try runDeltaNN(["convert", Self.golden.appendingPathComponent("model.keras").path, "-o", out.path, "--keep-nhwc"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("checker: "), result.stdout)
    let run = try runDeltaNN(["run", out.path, "--inputs", Self.golden.appendingPathComponent("inputs.npz").path])
    XCTAssertEqual(run.status, 0, run.stderr)
  }

  func test_Convert_badUsageExitsTwo() throws {
    try assertUsageError(["convert", Self.golden.appendingPathComponent("model.keras").path], mentions: "--output")
    try assertUsageError(["convert", Self.golden.appendingPathComponent("inputs.npz").path, "-o", "x.onnx"], mentions: "not a model")
  }

  // MARK: verify

  func test_Verify_oursIsEquivalentAndTheInjectedFaultIsNot() throws {
    let out = try fixture()
    let keras = Self.golden.appendingPathComponent("model.keras").path
    let ours = try runDeltaNN(["verify", keras, out.appendingPathComponent("ours.onnx").path])
    XCTAssertEqual(ours.status, 0, ours.stdout + ours.stderr)
    let faulty = try runDeltaNN(["verify", keras, out.appendingPathComponent("faulty.onnx").path])
    XCTAssertEqual(faulty.status, 1, faulty.stdout + faulty.stderr)
    XCTAssertTrue(faulty.stdout.lowercased().contains("not equivalent"), faulty.stdout)
  }

  func test_Verify_badUsageExitsTwo() throws {
    try assertUsageError(["verify", Self.golden.appendingPathComponent("model.keras").path], mentions: "converted")
  }

  // MARK: localize

  func test_Localize_oursKeepsTheLabelsAndTheFaultChangesThem() throws {
    let out = try fixture()
    let reference = Self.golden.appendingPathComponent("keras.npz").path
    let ours = try runDeltaNN(["localize", "--reference", reference, "--candidate", out.appendingPathComponent("ours.onnx").path])
    XCTAssertEqual(ours.status, 0, ours.stdout + ours.stderr)
    let report = try temporaryFolder().appendingPathComponent("report")
    let faulty = try runDeltaNN(["localize", "--reference", reference, "--source", Self.golden.appendingPathComponent("model.keras").path,
                                 "--candidate", out.appendingPathComponent("faulty.onnx").path, "--report", report.path])
    XCTAssertEqual(faulty.status, 1, faulty.stdout + faulty.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: report.appendingPathComponent("report.json").path))
  }

  func test_Localize_badUsageExitsTwo() throws {
    try assertUsageError(["localize", "--candidate", "m.onnx"], mentions: "--reference")
    try assertUsageError(["localize", "--reference", "r.npz", "--candidate", "m.onnx", "--backend", "keras"], mentions: "backend")
    try assertUsageError(["localize", "--reference", "r.npz", "--candidate", "m.onnx", "--opt-level", "2"], mentions: "--backend tvm")
  }

  // MARK: run → diff

  /// `deltann run` records the pair `deltann diff` reads: the interpreter's recording of
  /// tf2onnx's conversion against onnxruntime's recording of it in golden/ (labels agree), and
  /// against a copy whose class scores are reversed (every label changes).
  func test_RunThenDiff_recordingsCompareAndChangedLabelsAreAFinding() throws {
    let tmp = try temporaryFolder()
    let acts = tmp.appendingPathComponent("interpreter.npz")
    let run = try runDeltaNN(["run", Self.golden.appendingPathComponent("tf2onnx.onnx").path,
                              "--inputs", Self.golden.appendingPathComponent("inputs.npz").path, "--capture", "all", "--out", acts.path])
    XCTAssertEqual(run.status, 0, run.stderr)
    let sidecar = tmp.appendingPathComponent("interpreter.json")
    XCTAssertTrue(FileManager.default.fileExists(atPath: sidecar.path), "run --out writes the sidecar beside the .npz")

    let ort = Self.golden.appendingPathComponent("tf2onnx.ort.npz").path
    let same = try runDeltaNN(["diff", ort, acts.path])
    XCTAssertEqual(same.status, 0, same.stdout + same.stderr)

    // The candidate's output reversed along the classes: the top-1 label moves for every input.
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: sidecar)) as? [String: Any]
    let output = try XCTUnwrap((json?["outputs"] as? [String])?.first)
    let archive = try NPZReader(contentsOf: acts)
    var members = try archive.all()
    let index = try XCTUnwrap(members.firstIndex { $0.key == output })
    let scores = members[index].tensor
    let classes = try XCTUnwrap(scores.shape.last)
    let values = try XCTUnwrap(scores.floats())
    let reversed = stride(from: 0, to: values.count, by: classes).flatMap { values[$0..<($0 + classes)].reversed() }
    members[index].tensor = Tensor(reversed, shape: scores.shape)
    let changed = tmp.appendingPathComponent("reversed.npz")
    try NPZ.write(members, to: changed)
    try FileManager.default.copyItem(at: sidecar, to: tmp.appendingPathComponent("reversed.json"))
    let different = try runDeltaNN(["diff", ort, changed.path])
    XCTAssertEqual(different.status, 1, different.stdout + different.stderr)
  }

  func test_Run_badUsageExitsTwo() throws {
    let model = Self.golden.appendingPathComponent("tf2onnx.onnx").path
    try assertUsageError(["run", model], mentions: "--input")
    try assertUsageError(["run", model, "--inputs", "x.npz", "--capture", "all"], mentions: "--out")
  }

  func test_Diff_badUsageExitsTwo() throws {
    try assertUsageError(["diff", Self.golden.appendingPathComponent("keras.npz").path], mentions: "candidate")
    try assertUsageError(["diff", "a.npz", "b.npz", "--threshold", "0"], mentions: "--threshold")
  }

  // MARK: inspect

  func test_Inspect_readsAModelAndBadUsageExitsTwo() throws {
    let result = try runDeltaNN(["inspect", Self.golden.appendingPathComponent("tf2onnx.onnx").path])
    XCTAssertEqual(result.status, 0, result.stderr)
    try assertUsageError(["inspect"], mentions: "model")
  }

  // MARK: bench

  func test_Bench_timesTheInterpreterAndBadUsageExitsTwo() throws {
    let result = try runDeltaNN(["bench", Self.golden.appendingPathComponent("tf2onnx.onnx").path, "--runs", "1", "--no-peer"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("interpreter:"), result.stdout)
    try assertUsageError(["bench", Self.golden.appendingPathComponent("tf2onnx.onnx").path, "--isa", "sse9"], mentions: "isa")
  }

  // MARK: pipeline run, validate, merge

  func test_PipelineRun_passingStepsExitZeroAndAFailedStepExitsOne() throws {
    _ = try fixture()
    let made = try XCTUnwrap(Self.made)
    XCTAssertEqual(made.run.status, 0, made.run.stdout + made.run.stderr)
    XCTAssertTrue(made.run.stdout.contains("cells: 1 run"), made.run.stdout)

    let folder = try temporaryFolder()
    // A fault at a place the model does not have (site far beyond its convolutions) fails the step.
    let pipeline = try Self.pipeline(in: folder, name: "fails", steps: """
      - {id: mutate, step: mutate, with: {model: "\(Self.golden.path)/tf2onnx.onnx", fault: stride-changed, site: "100000", output: "${out}/m.onnx"}}

      """)
    let failed = try runDeltaNN(["pipeline", "run", pipeline.path])
    XCTAssertEqual(failed.status, 1, failed.stdout + failed.stderr)
    try assertUsageError(["pipeline", "run"], mentions: "file")
  }

  func test_PipelineRun_failOnFlagTurnsAFlaggedStepIntoOne() throws {
    let out = try fixture()
    let folder = try temporaryFolder()
    let pipeline = try Self.pipeline(in: folder, name: "flag", steps: """
      - {id: verify, step: verify, with: {source: "\(Self.golden.path)/model.keras", candidate: "\(out.path)/faulty.onnx"}}

      """)
    let flagged = try runDeltaNN(["pipeline", "run", pipeline.path])
    XCTAssertEqual(flagged.status, 0, "a flagged step is a result, not a failure: " + flagged.stderr)
    let strict = try runDeltaNN(["pipeline", "run", pipeline.path, "--fail-on-flag", "--force"])
    XCTAssertEqual(strict.status, 1, strict.stdout + strict.stderr)
  }

  func test_PipelineValidate_validExitsZeroAndBadUsageExitsTwo() throws {
    let result = try runDeltaNN(["pipeline", "validate", packageRoot.appendingPathComponent("pipelines/demo.yaml").path], in: packageRoot)
    XCTAssertEqual(result.status, 0, result.stderr)
    try assertUsageError(["pipeline", "validate"], mentions: "file")
  }

  func test_PipelineMerge_joinsShardsAndAFailedShardExitsOne() throws {
    let folder = try temporaryFolder()
    let pipeline = try Self.pipeline(in: folder, name: "shards", matrix: "matrix:\n  site: [\"0\", \"100000\"]\n", steps: """
      - {id: mutate, step: mutate, with: {model: "\(Self.golden.path)/tf2onnx.onnx", fault: stride-changed, site: "${site}", output: "${out}/m.onnx"}}

      """)
    for shard in ["0/2", "1/2"] { _ = try runDeltaNN(["pipeline", "run", pipeline.path, "--shard", shard]) }
    let out = folder.appendingPathComponent("out")
    let first = out.appendingPathComponent("pipeline-0-of-2.json").path, second = out.appendingPathComponent("pipeline-1-of-2.json").path
    let passing = try runDeltaNN(["pipeline", "merge", first, "-o", folder.appendingPathComponent("merged-0").path])
    XCTAssertEqual(passing.status, 0, passing.stdout + passing.stderr)
    let failing = try runDeltaNN(["pipeline", "merge", first, second, "-o", folder.appendingPathComponent("merged").path])
    XCTAssertEqual(failing.status, 1, failing.stdout + failing.stderr)
    XCTAssertTrue(failing.stdout.contains("merged 2 cells"), failing.stdout)
    try assertUsageError(["pipeline", "merge", first], mentions: "--output")
  }
}
