import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

@testable import Runtime

/// `--threads N`: every captured tensor is bit-identical between runs with the same N and across
/// N = 1, 2, 3, at every instruction-set level this CPU runs (the portable OpenBLAS path too),
/// with capture-all (chains keep their inner values) and plain runs (chains fused), because each
/// output element is computed by one call in a fixed order whatever the split.
final class ThreadingTests: XCTestCase {
  static let architectures = ["densenet_mini", "inception_mini", "mobilenet_mini", "resnet_mini"]

  func test_Interpreter_threadsAreDeterministic() throws {
    var compared = 0
    for architecture in Self.architectures {
      let dir = packageRoot.appendingPathComponent("golden/keras/\(architecture)")
      let model = try ONNXFile.read(dir.appendingPathComponent("tf2onnx.onnx"))
      let batch = try XCTUnwrap(try NPZ.read(contentsOf: dir.appendingPathComponent("inputs.npz")).first?.tensor,
                                "\(architecture): no input in inputs.npz")
      for isa in KernelISA.supported {
        func run(_ threads: Int, capture: Bool) throws -> [String: Tensor] {
          let interpreter = try Interpreter(model: model, threads: threads, isa: isa)
          let name = try XCTUnwrap(interpreter.feedInputs.first?.name)
          if !capture {
            XCTAssertFalse(interpreter.chains.isEmpty, "\(architecture): nothing to fuse")
            return try interpreter.run(inputs: [name: batch]).outputs
          }
          return try interpreter.run(inputs: [name: batch], capture: .all).captured
        }
        for capture in [true, false] {
          let one = try run(1, capture: capture)
          XCTAssertFalse(one.isEmpty)
          // The same N again, then other N (2 twice: repeated runs with several threads too).
          for threads in [1, 2, 2, 3] {
            let other = try run(threads, capture: capture)
            XCTAssertEqual(Set(other.keys), Set(one.keys))
            for (name, t) in other {
              XCTAssertEqual(t, one[name], "\(architecture) \(isa) capture \(capture): '\(name)' differs between 1 and \(threads) threads")
              compared += 1
            }
          }
        }
      }
    }
    print("threading: \(compared) tensors bit-identical across 1, 2 and 3 threads at \(KernelISA.supported.map(\.rawValue))")
  }

  /// Two runs at once on one 2-thread interpreter share the process's worker pool: one gets the
  /// pool, the other's loops run on its own thread (or they take turns); both must give the
  /// tensors a lone one-thread run gives.
  func test_Interpreter_concurrentRunsShareThePool() throws {
    let dir = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini")
    let model = try ONNXFile.read(dir.appendingPathComponent("tf2onnx.onnx"))
    let batch = try XCTUnwrap(try NPZ.read(contentsOf: dir.appendingPathComponent("inputs.npz")).first?.tensor)
    let alone = try Interpreter(model: model, threads: 1)
    let name = try XCTUnwrap(alone.feedInputs.first?.name)
    let expected = try alone.run(inputs: [name: batch], capture: .all).captured
    let shared = try Interpreter(model: model, threads: 2)
    let results = Results()
    DispatchQueue.concurrentPerform(iterations: 4) { k in
      results.record(k, Result { try shared.run(inputs: [name: batch], capture: .all).captured })
    }
    XCTAssertEqual(results.count, 4)
    for (k, result) in results.all {
      let captured = try result.get()
      XCTAssertEqual(Set(captured.keys), Set(expected.keys), "run \(k)")
      for (tensor, value) in captured {
        XCTAssertEqual(value, expected[tensor], "run \(k): '\(tensor)' differs from a one-thread run")
      }
    }
  }
}

/// The concurrent runs' results, gathered under a lock.
private final class Results: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Int: Result<[String: Tensor], any Error>] = [:]

  func record(_ k: Int, _ result: Result<[String: Tensor], any Error>) { lock.withLock { results[k] = result } }
  var count: Int { lock.withLock { results.count } }
  var all: [(Int, Result<[String: Tensor], any Error>)] { lock.withLock { results.sorted { $0.key < $1.key } } }
}
