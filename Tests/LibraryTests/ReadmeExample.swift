// README.md's example, verbatim between the markers; ReadmeExampleTests checks that the two
// agree and runs it, so the README's Swift compiles and works.
// README example begins
import DeltaNN
import Foundation

/// Converts golden's Keras MobileNet miniature to ONNX, verifies the conversion against the
/// Keras model, and localises it against the activations Keras recorded.
func checkConversion() throws -> (VerifyReport, LocalizationOutcome) {
  let keras = URL(fileURLWithPath: "golden/keras/mobilenet_mini/model.keras")
  let onnx = FileManager.default.temporaryDirectory.appendingPathComponent("mobilenet_mini.onnx")
  let summary = try Conversion.run(keras, to: onnx, options: LoweringOptions(), force: true)
  print("\(summary.nodes) ONNX nodes, checker: \(summary.checker)")

  let report = try verifyConversion(source: keras, candidate: onnx)
  print(report.verdict)

  let request = try LocalizationRequest(
    reference: URL(fileURLWithPath: "golden/keras/mobilenet_mini/keras.npz"), source: keras, candidate: onnx,
    inputs: nil, backend: .interpreter, workFolder: FileManager.default.temporaryDirectory.appendingPathComponent("work"))
  let outcome = try localizeConversion(request)
  print(outcome.result.pair.summary)
  return (report, outcome)
}
// README example ends
