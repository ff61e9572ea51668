import Foundation
import TestSupport
import XCTest

/// A study's compare step localises each environment whose labels differ from the source's: with
/// a known fault injected into one form (the softmax taken over the batch axis, a real
/// converter bug), the faulty environment gets a localisation report that names the injected
/// layer, the clean one gets none, and study.html links the report.
final class StudyLocalizationTests: XCTestCase {
  func test_StudyCompare_localisesTheDisagreeingEnvironmentAtTheInjectedLayer() throws {
    guard helperPython(importing: "keras") != nil else {
      FileHandle.standardError.write(Data("SKIPPED: no helper venv to run Keras (bash scripts/setup-python.sh)\n".utf8))
      throw XCTSkip("SKIPPED: no helper venv to run Keras")
    }
    let folder = try temporaryFolder()
    let golden = packageRoot.appendingPathComponent("golden/keras/mobilenet_mini").path
    let pipeline = folder.appendingPathComponent("study-fault.yaml")
    try """
      name: study-fault
      output: \(folder.path)/out
      steps:
        - id: convert
          step: convert
          with: {model: "\(golden)/model.keras", keep_nhwc: "true", output: "${out}/ours.onnx"}
        - id: inject
          step: mutate
          with: {model: "${out}/ours.onnx", fault: softmax-axis-changed, site: "0", output: "${out}/faulty.onnx"}
        - id: keras
          step: run
          with: {environment: keras, model: "\(golden)/model.keras", inputs: "\(golden)/inputs.npz", repeats: "1", output: "${out}/keras.npz"}
        - id: ours
          step: run
          with: {environment: interpreter, model: "${out}/ours.onnx", inputs: "\(golden)/inputs.npz", repeats: "1", output: "${out}/ours.npz"}
        - id: faulty
          step: run
          with: {environment: interpreter, model: "${out}/faulty.onnx", inputs: "\(golden)/inputs.npz", repeats: "1", output: "${out}/faulty.npz"}
        - id: compare
          step: compare
          with: {runs: "keras=${out}/keras.npz, ours=${out}/ours.npz, faulty=${out}/faulty.npz", localize: keras,
                 reports: "${out}/localize", output: "${out}/study.json"}
      """.write(to: pipeline, atomically: true, encoding: .utf8)
    let run = try runDeltaNN(["pipeline", "run", pipeline.path], in: packageRoot)
    XCTAssertEqual(run.status, 0, run.stdout + run.stderr)

    struct Record: Decodable {
      struct Cell: Decodable { var steps: [Step] }
      struct Step: Decodable { var id, status: String; var facts: [String: String] }
      var cells: [Cell]
    }
    let record = try JSONDecoder().decode(Record.self, from: Data(contentsOf: folder.appendingPathComponent("out/pipeline.json")))
    let steps = try XCTUnwrap(record.cells.first).steps
    let injected = try XCTUnwrap(steps.first { $0.id == "inject" }?.facts["layer"])
    let compare = try XCTUnwrap(steps.first { $0.id == "compare" })
    XCTAssertEqual(compare.status, "flagged", "\(compare.facts)")
    XCTAssertNil(compare.facts["localization.ours"], "ours agrees with Keras: nothing to localise")
    let page = try XCTUnwrap(compare.facts["localization.faulty"], "\(compare.facts)")
    XCTAssertTrue(FileManager.default.fileExists(atPath: page))

    struct Report: Decodable { struct Pair: Decodable { var localisedLayers: [String: Int] }; var pairs: [Pair] }
    let json = URL(fileURLWithPath: page).deletingLastPathComponent().appendingPathComponent("report.json")
    let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: json))
    let localised = try XCTUnwrap(report.pairs.first).localisedLayers
    XCTAssertEqual(localised.max { $0.value < $1.value }?.key, injected, "\(localised)")

    let study = try String(contentsOf: folder.appendingPathComponent("out/study.html"), encoding: .utf8)
    XCTAssertTrue(study.contains("href=\"all/localize/faulty/report.html\""), "study.html links the localisation")
  }
}
