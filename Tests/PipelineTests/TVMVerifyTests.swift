import Foundation
import Lowering
import ModelFormats
import ModelGraph
import Pipeline
import TestSupport
import Verify
import XCTest

/// `verify` on TVM forms, read the way TVM reads them (the helper's relax-graph export): our TVM
/// form and TVM's own imports of the peer conversions and of the `.pt2` programs of every golden
/// model are equivalent to their sources; a TVM form with a fault injected into its params or its
/// module is flagged on the layer the fault was injected into. Needs the venv with TVM; skips
/// loudly without it. (Each export starts Python and TVM: these tests take minutes.)
final class TVMVerifyTests: XCTestCase {
  static let models = ["mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"]

  func requireTVM() throws {
    guard helperPython(importing: "tvm.relax") != nil else {
      print("SKIPPED TVMVerifyTests: no venv with TVM (run bash scripts/setup-python.sh)")
      throw XCTSkip("SKIPPED: no Python venv with TVM; run `bash scripts/setup-python.sh`")
    }
  }

  func verify(_ source: URL, _ candidate: Model) throws -> VerifyReport {
    try Verifier.verify(source: try SourceModel.load(source), candidate: candidate)
  }

  func ourForm(of source: URL, in folder: URL) throws -> URL {
    let model = source.deletingLastPathComponent().lastPathComponent
    let out = folder.appendingPathComponent("\(model)-\(source.pathExtension).tvm")
    _ = try TVMConversion.run(source, to: out, options: LoweringOptions(), force: false)
    return out
  }

  func test_TVMVerify_cleanFormsOfEveryGoldenModelAreEquivalent() throws {
    try requireTVM()
    let folder = try temporaryFolder()
    for model in Self.models {
      let keras = packageRoot.appendingPathComponent("golden/keras/\(model)")
      let torch = packageRoot.appendingPathComponent("golden/torch/\(model)")
      let cases: [(String, URL, URL)] = [
        ("ours from Keras", keras.appendingPathComponent("model.keras"), try ourForm(of: keras.appendingPathComponent("model.keras"), in: folder)),
        ("ours from PyTorch", torch.appendingPathComponent("model.pt2"), try ourForm(of: torch.appendingPathComponent("model.pt2"), in: folder)),
        ("TVM's import of tf2onnx", keras.appendingPathComponent("model.keras"), keras.appendingPathComponent("tf2onnx.onnx")),
        ("TVM's import of the .pt2", torch.appendingPathComponent("model.pt2"), torch.appendingPathComponent("model.pt2")),
        ("TVM's import of torch.onnx", torch.appendingPathComponent("model.pt2"), torch.appendingPathComponent("torch_onnx.onnx")),
      ]
      for (what, source, form) in cases {
        let candidate: Model
        do {
          candidate = try TVMCandidate.load(form)
        } catch let error where "\(error)".contains("Dynamic pads are not supported") {
          // TVM 0.27's ONNX frontend refuses torch.onnx's Pad with computed pads (resnet_mini's
          // padded stem): a finding about TVM, reported as a typed error, not a verdict.
          print("\(model) \(what): TVM cannot import it: \(error)")
          continue
        }
        let report = try verify(source, candidate)
        print("\(model) \(what): \(report.verdict.rawValue), \(report.statistics.mappedLayers)/\(report.statistics.sourceLayers) layers mapped")
        XCTAssertNotEqual(report.verdict, .notEquivalent, "\(model) \(what): \(report.text(limit: 5))")
        XCTAssertTrue(report.findings.filter { $0.severity == .error }.isEmpty, "\(model) \(what)")
      }
    }
  }

  func test_TVMVerify_aFaultInjectedIntoOurTVMFormIsFlaggedOnItsLayer() throws {
    try requireTVM()
    let folder = try temporaryFolder()
    let source = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini/model.keras")
    let clean = try ourForm(of: source, in: folder)
    let provenance = try JSONSerialization.jsonObject(with: Data(contentsOf: clean.appendingPathComponent("provenance.json"))) as? [String: Any]
    let bindings = provenance?["bindings"] as? [String: [String: Any]] ?? [:]
    let module = try String(contentsOf: clean.appendingPathComponent("module.py"), encoding: .utf8)
    let lines = module.components(separatedBy: "\n")

    // In the params: the weight of the first 1x1 convolution after the stem, scaled by -3.
    guard let convLine = lines.first(where: { $0.contains("R.nn.conv2d(") && $0.contains("expand") }),
      let convBinding = convLine.split(separator: "=").first?.trimmingCharacters(in: .whitespaces),
      let weight = convLine.split(separator: "(")[1].split(separator: ",").dropFirst().first?.trimmingCharacters(in: .whitespaces),
      let convLayer = bindings[convBinding]?["layer"] as? String
    else { return XCTFail("no expand convolution in \(clean.path)/module.py") }
    let paramsFault = folder.appendingPathComponent("params-fault.tvm")
    try FileManager.default.copyItem(at: clean, to: paramsFault)
    let params = try NPZReader(contentsOf: clean.appendingPathComponent("params.npz"))
    let arrays = try params.keys.map { key in
      let t = try params.tensor(key)
      return (key: key, tensor: key == weight ? Tensor((t.floats() ?? []).map { -3 * $0 }, shape: t.shape) : t)
    }
    XCTAssertTrue(params.keys.contains(weight), weight)
    try NPZ.write(arrays, to: paramsFault.appendingPathComponent("params.npz"), force: true)

    // In the module: the epsilon of the first batch norm, 1e-3 → 0.5.
    guard let bnIndex = lines.firstIndex(where: { $0.contains("R.nn.batch_norm(") }),
      let bnBinding = lines[bnIndex].split(separator: "=").first?.trimmingCharacters(in: .whitespaces),
      let bnLayer = bindings[bnBinding]?["layer"] as? String,
      let epsilon = lines[bnIndex].range(of: #"epsilon=[0-9.e+-]+"#, options: .regularExpression)
    else { return XCTFail("no batch norm in \(clean.path)/module.py") }
    var edited = lines
    edited[bnIndex].replaceSubrange(epsilon, with: "epsilon=0.5")
    let moduleFault = folder.appendingPathComponent("module-fault.tvm")
    try FileManager.default.copyItem(at: clean, to: moduleFault)
    try Data(edited.joined(separator: "\n").utf8).write(to: moduleFault.appendingPathComponent("module.py"))

    XCTAssertNotEqual(try verify(source, try TVMCandidate.load(clean)).verdict, .notEquivalent)
    for (what, form, layer) in [("a scaled weight", paramsFault, convLayer), ("a changed epsilon", moduleFault, bnLayer)] {
      let report = try verify(source, try TVMCandidate.load(form))
      let errors = report.findings.filter { $0.severity == .error }
      print("\(what) in \(layer): \(errors.map { "\($0.kind.rawValue) at \($0.layerDescription)" })")
      XCTAssertEqual(report.verdict, .notEquivalent, what)
      XCTAssertFalse(errors.isEmpty, what)
      XCTAssertTrue(errors.allSatisfy { $0.concerns(layer) }, "\(what) injected into \(layer): \(report.text(limit: 5))")
    }
  }

  func test_TVMCandidate_unknownRelaxOpsAreOneLoweringErrorListingEach() throws {
    let json = try temporaryFolder().appendingPathComponent("relax.json")
    try Data("""
      {"format": "deltann.relax-graph/1", "form": "onnx",
       "inputs": [{"name": "x", "shape": [1, 4], "dtype": "float32"}], "params": [],
       "bindings": [
        {"name": "a", "op": "relax.nn.gelu", "args": [{"var": "x"}], "attrs": {}, "shape": [1, 4], "dtype": "float32"},
        {"name": "b", "op": "relax.cumsum", "args": [{"var": "a"}], "attrs": {}, "shape": [1, 4], "dtype": "float32"},
        {"name": "c", "op": "relax.nn.relu", "args": [{"var": "b"}], "attrs": {}, "shape": [1, 4], "dtype": "float32"}],
       "output": "c"}
      """.utf8).write(to: json)
    XCTAssertThrowsError(try TVMCandidate.lower(json: json, values: nil, file: "form")) { error in
      guard case LoweringError.unsupportedOps(let file, let ops)? = error as? LoweringError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, "form")
      XCTAssertEqual(ops.map(\.op), ["relax.cumsum", "relax.nn.gelu"])
      XCTAssertEqual(ops.map(\.nodes), [["b"], ["a"]])
    }
  }
}
