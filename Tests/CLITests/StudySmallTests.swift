import Foundation
import TestSupport
import XCTest

/// pipelines/study-small.yaml end to end: the interpreter's runs and every cell's
/// label-difference matrices, checked against top-1 and top-5 differences numpy computes from the
/// same recordings (the interpreter's included).
final class StudySmallTests: XCTestCase {
  private struct Matrix: Decodable {
    struct Pair: Decodable { var reference, candidate: String; var inputs: Int; var top1DifferenceRate, top5DifferenceRate: Double }
    var environments: [String]
    var pairs: [Pair]
  }

  func test_StudySmall_matricesAgreeWithNumpy() throws {
    guard let python = pythonWithNumpy() else {
      FileHandle.standardError.write(Data("SKIPPED: no Python with numpy for the independent label counts\n".utf8))
      throw XCTSkip("SKIPPED: no Python with numpy")
    }
    let folder = try temporaryFolder()
    let pipeline = try studySmallCopy(in: folder)
    let run = try runDeltaNN(["pipeline", "run", pipeline.path], in: packageRoot)
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains("cells: 4 run, 0 taken from the cache"), run.stdout)

    // numpy: rate of inputs whose top-1 label, and whose top-5 set, differs between two recordings.
    let script = """
      import json, sys, numpy as np
      def scores(path):
          side = json.load(open(path[:-4] + ".json"))
          return np.load(path)[side["outputs"][0]].reshape(side["count"], -1)
      a, b = scores(sys.argv[1]), scores(sys.argv[2])
      top5 = lambda s: [set(np.argsort(-row, kind="stable")[:5]) for row in s]
      print(json.dumps([float(np.mean(a.argmax(1) != b.argmax(1))), float(np.mean([x != y for x, y in zip(top5(a), top5(b))]))]))
      """
    let paths = [
      "keras": "golden/keras/%@/keras.npz", "onnxruntime-tf2onnx": "golden/keras/%@/tf2onnx.ort.npz",
      "torch": "golden/torch/%@/torch.npz", "torch-core": "golden/torch/%@/torch.core.npz",
      "onnxruntime-torch.onnx": "golden/torch/%@/torch_onnx.ort.npz",
      "interpreter-tf2onnx": "\(folder.path)/out/model=%@/interpreter-tf2onnx.npz",
      "interpreter-torch.onnx": "\(folder.path)/out/model=%@/interpreter-torch_onnx.npz",
    ]
    var checked = 0
    for model in ["mobilenet_mini", "resnet_mini", "densenet_mini", "inception_mini"] {
      for family in ["keras", "torch"] {
        let url = folder.appendingPathComponent("out/model=\(model)/\(family)-study.json")
        let matrix = try JSONDecoder().decode(Matrix.self, from: Data(contentsOf: url))
        XCTAssertEqual(matrix.pairs.count, matrix.environments.count * (matrix.environments.count - 1))
        for pair in matrix.pairs {
          let files = try [pair.reference, pair.candidate].map {
            let path = String(format: try XCTUnwrap(paths[$0], $0), model)
            return path.hasPrefix("/") ? path : packageRoot.appendingPathComponent(path).path
          }
          let numpy = try runProcess(python, ["-c", script] + files)
          XCTAssertEqual(numpy.status, 0, numpy.stderr)
          let truth = try JSONDecoder().decode([Double].self, from: Data(numpy.stdout.utf8))
          XCTAssertEqual([pair.top1DifferenceRate, pair.top5DifferenceRate], truth, "\(model) \(pair.reference) → \(pair.candidate)")
          XCTAssertEqual(pair.inputs, 4)
          checked += 1
        }
      }
    }
    XCTAssertEqual(checked, 4 * (3 * 2 + 4 * 3))

    // study.json gathers the eight matrices and the eight timed runs; study.html shows them.
    struct Study: Decodable {
      struct Timing: Decodable { var environment: String; var min, median, p95: Double }
      var matrices: [[String: Matrix]]
      var timings: [Timing]
      enum CodingKeys: CodingKey { case matrices, timings }
      init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        struct Wrapped: Decodable { var matrix: Matrix }
        matrices = try c.decode([Wrapped].self, forKey: .matrices).map { ["matrix": $0.matrix] }
        timings = try c.decode([Timing].self, forKey: .timings)
      }
    }
    let study = try JSONDecoder().decode(Study.self, from: Data(contentsOf: folder.appendingPathComponent("out/study.json")))
    XCTAssertEqual(study.matrices.count, 8)
    XCTAssertEqual(study.timings.count, 8)
    for t in study.timings {
      XCTAssertEqual(t.environment, "interpreter")
      XCTAssertTrue(t.min > 0 && t.min <= t.median && t.median <= t.p95 && t.p95.isFinite, "\(t)")
    }
    let page = try String(contentsOf: folder.appendingPathComponent("out/study.html"), encoding: .utf8)
    for name in paths.keys { XCTAssertTrue(page.contains(">\(name)</th>"), name) }
  }
}
