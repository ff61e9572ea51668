import Backends
import Diff
import Foundation
import Importers
import Lowering
import ModelFormats
import ModelGraph
import Verify

/// Everything `deltann localize` needs: where the reference comes from, the candidate, the
/// inputs, the backend that runs the candidate, and the tolerances.
public struct LocalizationRequest: Sendable {
  public enum Backend: String, Sendable, CaseIterable {
    /// Our interpreter: per-layer capture, streaming, and isolation by re-execution.
    case interpreter
    /// onnxruntime through the Python helper: captured to disk, compared; no isolation.
    case onnxruntime
    /// TVM through the Python helper, built at `optLevel`: the candidate is a TVM folder
    /// (`deltann convert --to tvm`) or an .onnx TVM imports; above opt level 0 captures are
    /// fused groups, each under its output's name. No isolation.
    case tvm
  }

  /// Recorded reference activations (.npz + sidecar); or nil to record them from `source`.
  public var reference: URL?
  /// The source model (.keras, .h5, .pt2), run by its real framework when `reference` is nil.
  public var source: URL?
  public var candidate: URL
  /// Inputs for a new recording: an .npz (key `input`) or a folder of images.
  public var inputs: URL?
  public var preprocessing: Preprocessing?
  public var backend: Backend = .interpreter
  /// TVM's opt level (0–3) when `backend` is `.tvm`.
  public var optLevel = 0
  public var map: [String: String] = [:]
  public var policy: Comparison = .layerDefault
  public var atol: Float = Comparison.defaultAtol
  public var rtol: Float = Comparison.defaultRtol
  public var threads = 1
  /// `Interpreter.memoryLimit` for the candidate's runs.
  public var memoryLimit = Int.max
  /// Measure a noise floor on deltann's own conversion of `source` (interpreter backend) and
  /// judge the candidate's layers against it as well as against `policy`.
  public var noiseFloor = true
  /// Compare only the first inputs (all when nil).
  public var inputLimit: Int?
  /// Where recordings made on the way are kept.
  public var workFolder: URL

  public init(reference: URL?, source: URL?, candidate: URL, inputs: URL?, workFolder: URL) {
    self.reference = reference
    self.source = source
    self.candidate = candidate
    self.inputs = inputs
    self.workFolder = workFolder
  }
}

/// The outcome: the comparison and the alignment it used (for the report's node data).
public struct Localization {
  public var pair: PairReport
  public var alignment: Alignment
  public var inputNames: [String]
  /// Verify's findings on the candidate, by source layer (when the source model was given).
  public var findings: [String: [String]]
}

extension LocalizationRequest {
  /// Records what is missing, runs the candidate, compares and localises. A work folder this
  /// run creates is removed when the run fails or leaves it empty.
  public func run(progress: (String, Int, Int) -> Void) throws -> Localization {
    let fm = FileManager.default
    let created = !fm.fileExists(atPath: workFolder.path)
    do {
      let result = try analyse(progress: progress)
      if created, (try? fm.contentsOfDirectory(atPath: workFolder.path))?.isEmpty == true { try? fm.removeItem(at: workFolder) }
      return result
    } catch {
      if created { try? fm.removeItem(at: workFolder) }
      throw error
    }
  }

  private func analyse(progress: (String, Int, Int) -> Void) throws -> Localization {
    let (referenceURL, names) = try recordReference(progress: progress)
    let reference = try RecordedActivations(npz: referenceURL)
    let names2 = (referenceURL.lastPathComponent, candidate.lastPathComponent)
    let inputNames = names ?? (0..<reference.inputCount).map { "input \($0)" }
    // A TVM folder is no ONNX file: verify needs one, so a TVM candidate has no findings and
    // aligns by name and provenance (or an explicit --map).
    let candidateModel = backend == .tvm ? nil : try ONNXFile.read(candidate)
    let verified = try candidateModel.flatMap { model in
      try source.map { try Verifier.verify(source: try SourceModel.load($0), candidate: model) }
    }
    let findings = verified.map(Self.findingsByLayer) ?? [:]
    // With the source at hand, verify's node map aligns the candidate (fused groups included);
    // an explicit --map still wins.
    var map = self.map
    if map.isEmpty, let verified, let candidateModel { map = Self.tensorMap(verified, in: candidateModel.graph) }
    switch backend {
    case .interpreter:
      guard let candidateModel else { preconditionFailure("the interpreter backend reads an ONNX candidate") }
      var localizer = try Localizer(reference: reference, candidate: candidateModel, names: names2,
                                    map: map, threads: threads, memoryLimit: memoryLimit)
      localizer.cause = { layer in findings[layer]?.first }
      localizer.policy = policy
      localizer.atol = atol
      localizer.rtol = rtol
      localizer.inputLimit = inputLimit
      localizer.floor = try measureNoiseFloor(reference: reference) { progress("noise floor", $0, $1) }
      let pair = try localizer.analyse { progress("compare", $0, $1) }
      return Localization(pair: pair, alignment: localizer.alignment, inputNames: inputNames, findings: findings)
    case .onnxruntime, .tvm:
      let inputs = try inputsFile(for: reference)
      try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
      let framework: ExternalBackend.Framework = backend == .tvm ? .tvm : .onnxruntime
      let out = workFolder.appendingPathComponent("\(framework.rawValue).npz")
      var request = RunRequest(model: candidate, inputs: inputs, capture: .all, out: out, repeats: 0, force: true)
      if backend == .tvm {
        request.optLevel = optLevel
        request.inputLayout = reference.entries.first { $0.key == RecordedActivations.inputKey }?.layout
      }
      _ = try ExternalBackend(framework: framework).run(request) { progress(framework.rawValue, $0.done, $0.total) }
      let recorded = try RecordedActivations(npz: out)
      let alignment = Alignment(reference: reference.entries, recorded: recorded.entries, map: map)
      let pair = try compareRecordings(reference: reference, candidate: recorded, alignment: alignment,
                                       names: names2, policy: policy, atol: atol, rtol: rtol) { progress("compare", $0, $1) }
      return Localization(pair: pair, alignment: alignment, inputNames: inputNames, findings: findings)
    }
  }

  /// What two correct executions of each layer differ by: the reference against the
  /// interpreter running deltann's own conversion of the Keras or PyTorch source. `nil` without
  /// such a source or when `noiseFloor` is off.
  func measureNoiseFloor(reference: RecordedActivations, progress: (Int, Int) -> Void) throws -> NoiseFloor? {
    guard noiseFloor, let source, Importers.supportedExtensions.contains(source.pathExtension.lowercased()) else { return nil }
    let ours = try Lowering.lower(try SourceModel.load(source), file: source.path)
    var correct = try Localizer(reference: reference, candidate: ours, names: ("reference", "deltann's own conversion"),
                                threads: threads, memoryLimit: memoryLimit)
    correct.policy = policy
    correct.inputLimit = inputLimit
    return NoiseFloor(correct: try correct.analyse(progress: progress))
  }

  /// Verify's findings (error and warning) by source layer (each layer of a fused group): the
  /// localised layer's finding becomes the divergence's stated cause.
  static func findingsByLayer(_ report: VerifyReport) -> [String: [String]] {
    var byLayer: [String: [String]] = [:]
    for f in report.findings.sorted(by: { $0.severity > $1.severity }) where f.severity != .info {
      for layer in f.group ?? [f.layer] { byLayer[layer, default: []].append("\(f.kind.rawValue): \(f.message)") }
    }
    return byLayer
  }

  /// Source layer → the candidate tensor verify's node map says carries its output (the output
  /// of the layer's last node; layers fused into one node share it).
  public static func tensorMap(_ report: VerifyReport, in graph: Graph) -> [String: String] {
    LayerMap.resolve(Dictionary(report.nodeMap.map { ($0.layer, $0.targets.map(\.node)) }, uniquingKeysWith: { a, _ in a }),
                     in: graph)
  }

  /// The reference recording: given, or made now by the source's framework on the inputs.
  func recordReference(progress: (String, Int, Int) -> Void) throws -> (URL, [String]?) {
    if let reference { return (reference, nil) }
    guard let source else {
      throw PipelineError.argument(step: "localize", name: "reference", expected: "or a source model is required")
    }
    let framework: ExternalBackend.Framework = source.pathExtension == "pt2" ? .torch : .keras
    try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
    let (inputs, names) = try makeInputs(layout: framework == .torch ? .nchw : .nhwc)
    let out = workFolder.appendingPathComponent("\(framework.rawValue).npz")
    _ = try ExternalBackend(framework: framework).run(
      RunRequest(model: source, inputs: inputs, capture: .all, out: out, repeats: 0, force: true)
    ) { progress(framework.rawValue, $0.done, $0.total) }
    return (out, names)
  }

  /// The inputs as an .npz file: given, or made from a folder of images.
  func makeInputs(layout: Preprocessing.Layout) throws -> (URL, [String]?) {
    guard let inputs else {
      throw PipelineError.argument(step: "localize", name: "inputs", expected: "is required to record the source model")
    }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: inputs.path, isDirectory: &isFolder), isFolder.boolValue else {
      return (inputs, nil)
    }
    let model = try ONNXFile.read(candidate)
    guard let shape = model.graph.feedInputs.first?.type.shape?.map({ $0.value ?? 1 }), shape.count == 4 else {
      throw PipelineError.argument(step: "localize", name: "candidate", expected: "needs one 4-D image input to size the images")
    }
    let channelsLast = shape[3] == 3
    let (height, width) = channelsLast ? (shape[1], shape[2]) : (shape[2], shape[3])
    let (batch, names) = try ImageInputs.batch(folder: inputs, preprocessing: preprocessing ?? .tf,
                                               height: height, width: width, layout: layout)
    let file = workFolder.appendingPathComponent("inputs.npz")
    try NPZ.write([(key: "input", tensor: batch)], to: file, force: true)
    return (file, names)
  }

  /// The recording's own inputs file, for running another backend on the same inputs.
  func inputsFile(for reference: RecordedActivations) throws -> URL {
    guard let url = reference.inputsURL else {
      throw PipelineError.argument(step: "localize", name: "reference", expected: "must name its inputs file in its sidecar")
    }
    return url
  }
}
