import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

@testable import Runtime

/// Every golden peer conversion (tf2onnx.onnx, torch_onnx.onnx): each tensor onnxruntime
/// recorded must match the interpreter's, input by input, at every instruction-set level this CPU
/// runs (the portable code included); a plain run (fused chains) must give the capture-all run's outputs bit for
/// bit. Prints the worst max-abs difference.
final class GoldenAgreementTests: XCTestCase {
  static let golden = packageRoot.appendingPathComponent("golden")

  func test_Interpreter_matchesOnnxruntimeOnGoldenPeerConversions() throws {
    let fm = FileManager.default
    guard fm.fileExists(atPath: Self.golden.appendingPathComponent("manifest.json").path) else {
      throw XCTSkip("golden/ has not landed")
    }
    var worst: (diff: Float, where: String) = (0, "")
    var checked = 0, fused = 0
    for framework in ["keras", "torch"] {
      let frameworkDir = Self.golden.appendingPathComponent(framework)
      for model in try fm.contentsOfDirectory(atPath: frameworkDir.path).sorted() {
        let dir = frameworkDir.appendingPathComponent(model)
        for peer in ["tf2onnx", "torch_onnx"] {
          let onnx = dir.appendingPathComponent("\(peer).onnx")
          guard fm.fileExists(atPath: onnx.path) else { continue }
          for isa in KernelISA.supported {
            let (diff, name, count, chains) = try compare(onnx: onnx, dir: dir, peer: peer, isa: isa)
            print("golden \(framework)/\(model)/\(peer) isa \(isa): \(count) tensors, \(chains) fused chains, max |diff| \(diff) at '\(name)'")
            checked += count
            fused += chains
            if diff > worst.diff { worst = (diff, "\(framework)/\(model)/\(peer) '\(name)'") }
          }
        }
      }
    }
    XCTAssertGreaterThan(checked, 0, "no golden peer conversion found")
    XCTAssertGreaterThan(fused, 0, "no peer conversion had a chain to fuse")
    print("golden agreement: \(checked) tensors, worst max |diff| \(worst.diff) at \(worst.where)")
  }

  /// Runs `onnx` on each input of `inputs.npz` and compares every recorded tensor.
  func compare(onnx: URL, dir: URL, peer: String, isa: KernelISA) throws -> (Float, String, Int, Int) {
    let model = try ONNXFile.read(onnx)
    let interpreter = try Interpreter(model: model, isa: isa)
    let inputs = try NPZ.read(contentsOf: dir.appendingPathComponent("inputs.npz"))
    guard let batch = inputs.first(where: { $0.key == "input" })?.tensor, let feed = interpreter.feedInputs.first else {
      XCTFail("\(dir.path): no 'input' in inputs.npz"); return (0, "", 0, 0)
    }
    let recorded = try NPZReader(contentsOf: dir.appendingPathComponent("\(peer).ort.npz"))
    let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("\(peer).ort.json"))) as? [String: Any]
    let entries = (sidecar?["tensors"] as? [[String: Any]]) ?? []
    var worst: (Float, String) = (0, ""), count = 0
    for i in 0..<batch.shape[0] {
      let x = slice(batch, i, keepAxis: true)
      let result = try interpreter.run(inputs: [feed.name: x], capture: .all)
      XCTAssertEqual(try interpreter.run(inputs: [feed.name: x]).outputs, result.outputs, "\(onnx.path): fused vs unfused")
      for entry in entries {
        guard let key = entry["key"] as? String else { continue }
        guard let mine = result.captured[key] ?? result.outputs[key] else {
          XCTFail("\(onnx.path): onnxruntime recorded '\(key)', the interpreter produced no such tensor"); continue
        }
        let stored = try recorded.tensor(key)
        let expected = slice(stored, i, keepAxis: (entry["batch"] as? String) != "stack")
        guard let a = mine.floats(), let e = expected.floats(), a.count == e.count else {
          XCTFail("\(onnx.path) '\(key)' input \(i): shape \(mine.shape) vs recorded \(expected.shape)"); continue
        }
        let diff = zip(a, e).map { abs($0 - $1) }.max() ?? 0
        let scale = e.map(abs).max() ?? 0
        XCTAssertLessThanOrEqual(diff, 1e-4 + 1e-4 * scale, "\(onnx.path) '\(key)' input \(i)")
        if diff > worst.0 { worst = (diff, key) }
        if i == 0 { count += 1 }
      }
    }
    return (worst.0, worst.1, count, interpreter.chains.count)
  }

  /// Item `i` along the first axis (kept as a unit axis when `keepAxis`).
  func slice(_ t: Tensor, _ i: Int, keepAxis: Bool) -> Tensor {
    let rest = Array(t.shape.dropFirst()), size = rest.reduce(1, *) * (t.dtype.byteSize ?? 1)
    return Tensor(dtype: t.dtype, shape: keepAxis ? [1] + rest : rest, storage: t.storage,
                  range: (t.range.lowerBound + i * size)..<(t.range.lowerBound + (i + 1) * size))
  }
}
