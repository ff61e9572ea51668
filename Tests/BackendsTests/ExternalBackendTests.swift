import Backends
import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// ExternalBackend against fake helpers (tiny shell scripts standing in for the venv's python):
/// every failure mode becomes a typed BackendError.
final class ExternalBackendTests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws {
    directory = try temporaryFolder()
  }

  /// A checkout with `converters/deltann_converters/__main__.py` and a venv whose `bin/python` is
  /// `script` (a POSIX shell script; `$OUT` holds the value of `--out`).
  func fakeHelper(_ script: String) throws -> HelperSetup {
    let root = directory.appendingPathComponent("checkout"), venv = directory.appendingPathComponent("venv")
    let package = root.appendingPathComponent("converters/deltann_converters")
    try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
    try Data().write(to: package.appendingPathComponent("__main__.py"))
    let bin = venv.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let python = bin.appendingPathComponent("python")
    let prologue = """
      #!/bin/sh
      OUT=""; while [ $# -gt 0 ]; do [ "$1" = "--out" ] && OUT="$2"; shift; done
      SIDECAR="${OUT%.npz}.json"

      """
    try Data((prologue + script).utf8).write(to: python)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: python.path)
    return try HelperSetup.locate(root: root, environment: ["DELTANN_VENV": venv.path])
  }

  /// A request on existing (dummy) model and inputs files.
  func request() throws -> RunRequest {
    let model = directory.appendingPathComponent("m.onnx"), inputs = directory.appendingPathComponent("in.npz")
    try Data([1]).write(to: model)
    try Data([1]).write(to: inputs)
    return RunRequest(model: model, inputs: inputs, capture: .all, out: directory.appendingPathComponent("acts.npz"))
  }

  func runError(_ setup: HelperSetup, progress: ((RunProgress) -> Void)? = nil) throws -> BackendError? {
    let backend = ExternalBackend(framework: .onnxruntime, setup: setup)
    let request = try request()
    do { _ = try backend.run(request, progress: progress ?? { _ in }) } catch { return error }
    XCTFail("the run succeeded")
    return nil
  }

  func test_ExternalBackend_missingVenvAdvisesSetUp() throws {
    let empty = directory.appendingPathComponent("empty-venv")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    XCTAssertThrowsError(try ExternalBackend(framework: .keras, environment: ["DELTANN_VENV": empty.path,
                                                                            "DELTANN_ROOT": packageRoot.path])) {
      guard case BackendError.helperNotSetUp(empty.path, let reason) = $0 else { return XCTFail("\($0)") }
      XCTAssertTrue(reason.contains("no Python interpreter"), reason)
      XCTAssertTrue("\($0)".contains("bash scripts/setup-python.sh"), "\($0)")
    }
  }

  func test_ExternalBackend_missingHelperPackageAdvisesSetUp() throws {
    _ = try fakeHelper("exit 0")
    let venv = directory.appendingPathComponent("venv").path
    XCTAssertThrowsError(try HelperSetup.locate(root: directory, environment: ["DELTANN_VENV": venv])) {
      guard case BackendError.helperNotSetUp(venv, let reason) = $0 else { return XCTFail("\($0)") }
      XCTAssertTrue(reason.contains("converters/deltann_converters"), reason)
    }
  }

  func test_ExternalBackend_crashReportsJSONErrorAndStderrTail() throws {
    let setup = try fakeHelper("""
      echo "progress 1/2 input 0" >&2
      i=1; while [ $i -le 30 ]; do echo "traceback line $i" >&2; i=$((i+1)); done
      echo '{"error": "bad-model", "message": "m.onnx: not an ONNX model"}' >&2
      exit 2
      """)
    var seen: [RunProgress] = []
    guard case .helperFailed("onnxruntime", 2, false, "bad-model", "m.onnx: not an ONNX model", let tail)?
      = try runError(setup, progress: { seen.append($0) })
    else { return XCTFail() }
    XCTAssertEqual(seen, [RunProgress(done: 1, total: 2, what: "input 0")])
    XCTAssertEqual(tail.count, 20)
    XCTAssertEqual(tail.first, "traceback line 12")
    XCTAssertTrue(tail.last?.hasPrefix("{\"error\"") ?? false)
  }

  func test_ExternalBackend_crashWithoutJSONKeepsStderr() throws {
    let setup = try fakeHelper("echo 'ModuleNotFoundError: No module named onnxruntime' >&2; exit 1")
    let error = try runError(setup)
    guard case .helperFailed(_, 1, false, nil, nil, let tail)? = error else { return XCTFail("\(String(describing: error))") }
    XCTAssertEqual(tail, ["ModuleNotFoundError: No module named onnxruntime"])
    XCTAssertTrue("\(error!)".contains("bash scripts/setup-python.sh"), "\(error!)")
  }

  func test_ExternalBackend_signalIsReported() throws {
    let setup = try fakeHelper("echo 'about to die' >&2; kill -9 $$")
    guard case .helperFailed(_, 9, true, nil, nil, ["about to die"])? = try runError(setup) else {
      return XCTFail()
    }
  }

  func test_ExternalBackend_truncatedNPZIsMalformedOutput() throws {
    let valid = packageRoot.appendingPathComponent("Tests/ModelFormatsTests/Fixtures/npy/savez.npz").path
    let setup = try fakeHelper("""
      head -c 300 '\(valid)' > "$OUT"
      echo '{"format": "deltann.activations/1", "framework": "onnxruntime", "framework_version": "1", "count": 1, "outputs": [], "timing": null, "tensors": []}' > "$SIDECAR"
      """)
    let error = try runError(setup)
    guard case .malformedOutput(let file, let reason)? = error else { return XCTFail("\(String(describing: error))") }
    XCTAssertEqual(file, directory.appendingPathComponent("acts.npz").path)
    XCTAssertTrue(reason.contains("not a zip"), reason)
  }

  func test_ExternalBackend_missingOrBadSidecarIsMalformedOutput() throws {
    let valid = packageRoot.appendingPathComponent("Tests/ModelFormatsTests/Fixtures/npy/savez.npz").path
    let setup = try fakeHelper("cp '\(valid)' \"$OUT\"; [ -f \(directory.path)/bad ] && echo '{\"format\": 1' > \"$SIDECAR\"; exit 0")
    let sidecar = directory.appendingPathComponent("acts.json").path
    guard case .malformedOutput(sidecar, let reason)? = try runError(setup) else { return XCTFail() }
    XCTAssertTrue(reason.contains("acts.json") || reason.contains("exist") || reason.contains("such file"), reason)
    try Data().write(to: directory.appendingPathComponent("bad"))
    try FileManager.default.removeItem(at: directory.appendingPathComponent("acts.npz"))
    guard case .malformedOutput(sidecar, let reason2)? = try runError(setup) else { return XCTFail() }
    XCTAssertTrue(reason2.contains("JSON"), reason2)
  }

  func test_ExternalBackend_readsRecordOfAWellFormedRun() throws {
    let valid = packageRoot.appendingPathComponent("Tests/ModelFormatsTests/Fixtures/npy/savez.npz").path
    let setup = try fakeHelper("""
      echo 'progress 1/1 input 0' >&2
      cp '\(valid)' "$OUT"
      cat > "$SIDECAR" <<'JSON'
      {"format": "deltann.activations/1", "framework": "onnxruntime", "framework_version": "1.32.0",
       "model": "m.onnx", "inputs": "in.npz", "count": 2, "capture": "all", "outputs": ["flag"],
       "timing": {"unit": "ms", "per": "input", "repeat": 1, "samples": 2, "min": 1.5, "median": 2.0, "p95": 2.5},
       "tensors": [{"key": "x", "layer": "conv", "op": "Conv", "shape": [2, 2], "dtype": "float32",
                    "layout": null, "batch": "concat"},
                   {"key": "flag", "layer": null, "op": null, "shape": [2], "dtype": "bool", "layout": "", "batch": "stack"}]}
      JSON
      """)
    let backend = ExternalBackend(framework: .onnxruntime, setup: setup)
    var seen = 0
    let record = try backend.run(try request()) { _ in seen += 1 }
    XCTAssertEqual(seen, 1)
    XCTAssertEqual(record.frameworkVersion, "1.32.0")
    XCTAssertEqual(record.tensors.map(\.key), ["x", "flag"])
    XCTAssertEqual(record.timing?.median, 2.0)
    XCTAssertEqual(record.outputs, ["flag"])
  }

  func test_ExternalBackend_missingInputsFileIsTypedBeforeSpawning() throws {
    let setup = try fakeHelper("exit 0")
    var request = try request()
    request.inputs = directory.appendingPathComponent("absent.npz")
    XCTAssertThrowsError(try ExternalBackend(framework: .torch, setup: setup).run(request) { _ in }) {
      XCTAssertEqual($0 as? BackendError, .missingFile(file: request.inputs.path, role: "inputs"))
    }
  }
}
