import Foundation
import ModelFormats
import ModelGraph
import Runtime

/// Our interpreter as a backend: in this process (`load`, for localisation's per-layer
/// streaming and re-execution) or on files (`run`, recording as the helpers do).
///
/// ```swift
/// let record = try InterpreterBackend(threads: 2).run(RunRequest(model: onnx, inputs: x, capture: .all, out: acts)) { _ in }
/// ```
/// `run` records the whole batch in one pass when the model takes it (captured tensors are
/// streamed to the .npz as produced), else input by input; the timing passes run each input
/// alone (batch 1), as the helpers time the frameworks.
public struct InterpreterBackend: InProcessBackend, Sendable {
  public var threads: Int
  /// The kernels' instruction-set level; nil picks `KernelISA.preferred()`.
  public var isa: KernelISA?
  /// `Interpreter.memoryLimit`: the activation bytes a run may hold before it stops with a typed error.
  public var memoryLimit: Int

  public var name: String { "interpreter" }

  public init(threads: Int = 1, isa: KernelISA? = nil, memoryLimit: Int = .max) {
    self.threads = threads
    self.isa = isa
    self.memoryLimit = memoryLimit
  }

  public func load(_ model: Model) throws(BackendError) -> any LoadedModel {
    try interpreter(model, file: "the model")
  }

  func interpreter(_ model: Model, file: String) throws(BackendError) -> Interpreter {
    do {
      var interpreter = try Interpreter(model: model, threads: threads, isa: isa)
      interpreter.memoryLimit = memoryLimit
      return interpreter
    } catch {
      throw .runFailed(backend: name, model: file, reason: "\(error)")
    }
  }

  public func run(_ request: RunRequest, progress: (RunProgress) -> Void) throws(BackendError) -> RunRecord {
    let sidecarURL = ActivationSidecar.url(beside: request.out)
    if !request.force, FileManager.default.fileExists(atPath: sidecarURL.path) { throw .format(.outputExists(file: sidecarURL.path)) }
    let model: Model
    do { model = try ONNXFile.read(request.model) } catch { throw .format(error) }
    let interpreter = try interpreter(model, file: request.model.path)
    let batch = try RunFeeds(file: request.inputs, model: interpreter.feedInputs)
    let (writer, tensors, nonFinite) = try record(interpreter, batch, request, progress: progress)
    let samples = try timingSamples(interpreter, batch, request)
    let capture = switch request.capture { case .outputs: "output"; case .all: "all"; case .tensors: "tensors" }
    let sidecar = ActivationSidecar(
      framework: name, frameworkVersion: "deltann \(interpreter.isa.rawValue)", model: request.model.path,
      inputs: batch.helperLayout ? request.inputs.path : nil, count: batch.count, capture: capture,
      outputs: model.graph.outputs.map(\.name), timing: Timing(repeats: request.repeats, samples: samples), tensors: tensors)
    // The pair is the recording. Both are written and synced before either is named; the
    // earlier run's sidecar goes just before the archive is renamed into place and the new
    // sidecar right after, so a process killed at any point leaves the earlier pair, the new
    // one, or (between those renames) an archive without a sidecar, which readers refuse;
    // never an archive beside another run's sidecar.
    do throws(FormatError) {
      let staged = try sidecar.staged(beside: request.out, force: request.force)
      try writer.finish { () throws(FormatError) in try ActivationSidecar.removeStale(beside: request.out) }
      do { try staged.commit() } catch {
        try? FileManager.default.removeItem(at: request.out)
        throw error
      }
    } catch { throw .format(error) }
    progress(RunProgress(done: 1, total: 1, what: "recorded"))
    var record = RunRecord(activations: request.out, sidecar: sidecar)
    record.nonFiniteInputs = nonFinite
    return record
  }

  /// The capture pass: the requested tensors and the outputs into the .npz, described in
  /// execution order. One pass over the whole batch streams; input by input gathers each
  /// tensor's batch first.
  private func record(_ interpreter: Interpreter, _ batch: RunFeeds, _ request: RunRequest,
                      progress: (RunProgress) -> Void) throws(BackendError) -> (NPZWriter, [CapturedTensor], [String: Int]) {
    let graph = interpreter.model.graph, producers = graph.producers
    let capture: Capture = switch request.capture {
    case .outputs: .none
    case .all: .all
    case .tensors(let names): .tensors(names)
    }
    var tensors: [CapturedTensor] = [], nonFinite: [String: Int] = [:]
    let writer: NPZWriter
    do {
      writer = try NPZWriter(url: request.out, force: request.force)
      func write(_ name: String, _ t: Tensor) throws {
        try writer.add(t, key: name)
        let node = producers[name].map { graph.nodes[$0] }
        let op = node?.opType ?? "Input"
        tensors.append(CapturedTensor(key: name, layer: node?.provenance?.sourceLayer ?? name, op: op, shape: t.shape,
                                      dtype: t.dtype.name, layout: Self.layout(op: op, shape: t.shape), batch: "concat"))
      }
      let passes = batch.fitsInOnePass ? [batch.whole] : (0..<batch.count).map(batch.item)
      var gathered: [String: [Tensor]] = [:], order: [String] = []
      for (index, feeds) in passes.enumerated() {
        progress(RunProgress(done: index, total: passes.count, what: passes.count == 1 ? "batch of \(batch.count)" : "input \(index)"))
        var seen = Set<String>()
        func take(_ name: String, _ t: Tensor) throws {
          seen.insert(name)
          if passes.count == 1 { return try write(name, t) }
          if gathered[name] == nil { order.append(name) }
          gathered[name, default: []].append(t)
        }
        let result = try interpreter.run(inputs: feeds, capture: capture) { try take($0, $1) }
        nonFinite.merge(result.nonFiniteInputs, uniquingKeysWith: +)
        for output in graph.outputs where !seen.contains(output.name) {
          if let t = result.outputs[output.name] { try take(output.name, t) }
        }
      }
      for name in order { try write(name, try Tensor(concatenating: gathered[name] ?? [], file: request.inputs.path)) }
    } catch let error as BackendError {
      throw error
    } catch let error as FormatError {
      throw .format(error)
    } catch {
      throw .runFailed(backend: name, model: request.model.path, reason: "\(error)")
    }
    return (writer, tensors, nonFinite)
  }

  /// Milliseconds of each input run alone (batch 1), `request.repeats` passes over the batch.
  private func timingSamples(_ interpreter: Interpreter, _ batch: RunFeeds, _ request: RunRequest) throws(BackendError) -> [Double] {
    var samples: [Double] = []
    for _ in 0..<request.repeats {
      for index in 0..<batch.count {
        let feeds = batch.item(index)
        let start = DispatchTime.now().uptimeNanoseconds
        do { _ = try interpreter.run(inputs: feeds) } catch {
          throw .runFailed(backend: name, model: request.model.path, reason: "\(error)")
        }
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      }
    }
    return samples
  }

  /// NCHW for what the ONNX image ops produce, NHWC for a channels-last image input; else other.
  static func layout(op: String, shape: [Int]) -> String {
    guard shape.count == 4 else { return "other" }
    if op == "Input" { return [1, 3].contains(shape[3]) && ![1, 3].contains(shape[1]) ? "NHWC" : "NCHW" }
    return ["Conv", "MaxPool", "AveragePool", "BatchNormalization", "Relu", "Clip", "Add"].contains(op) ? "NCHW" : "other"
  }
}
