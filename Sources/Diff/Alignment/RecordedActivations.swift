import Backends
import Foundation
import ModelFormats
import ModelGraph

/// Activations recorded by the framework helpers (`python -m deltann_converters run`) or by
/// `deltann run`: an `.npz` whose arrays hold every input (first axis), described by the JSON
/// sidecar beside it (`ActivationSidecar`, the one codec: `tensors` in execution order with
/// key, layer, op, shape, layout, and `batch` = `concat` when each input's array kept its batch
/// axis of 1).
public final class RecordedActivations: ActivationSource {
  /// The key under which the recording's inputs appear, as the first entry (op `Input`).
  public static let inputKey = "input"

  public let url: URL
  public let entries: [ActivationEntry]
  public let inputCount: Int
  /// The inputs file the recording ran on, when its sidecar names one.
  public let inputsURL: URL?
  private let archive: NPZReader
  /// The recorded inputs (`[N, …]`), when the sidecar names them and they are not a recorded tensor.
  private let inputs: Tensor?
  /// Decoded batches by key, within `cacheBytes`; one layer's batch is read once, not per input.
  private var cache: [String: Tensor] = [:]
  private var cachedBytes = 0
  private let cacheBytes: Int

  public init(npz url: URL, cacheBytes: Int = 512 << 20) throws(DiffError) {
    let sidecarURL = url.deletingPathExtension().appendingPathExtension("json")
    let fm = FileManager.default
    guard fm.fileExists(atPath: url.path) else {
      throw .recording(file: url.path, problem: "no such file (expected recorded activations: an .npz with a .json sidecar)")
    }
    guard fm.fileExists(atPath: sidecarURL.path) else {
      throw .recording(file: url.path, problem: "its JSON sidecar \(sidecarURL.lastPathComponent) is missing (recordings are an .npz and a .json of the same name)")
    }
    let sidecar: ActivationSidecar
    do { sidecar = try ActivationSidecar.read(beside: url) } catch {
      guard case .malformedOutput(_, let reason) = error else { throw .recording(file: sidecarURL.path, problem: "\(error)") }
      throw .recording(file: sidecarURL.path, problem: "not an activations sidecar: \(reason)")
    }
    do { archive = try NPZReader(contentsOf: url) } catch { throw .reference(key: url.path, problem: "\(error)") }
    self.url = url
    self.cacheBytes = cacheBytes
    inputCount = sidecar.tensors.first?.shape.first ?? 0
    var entries = sidecar.tensors.map { e in
      let perInput = Array(e.shape.dropFirst())
      // A tensor with no layer (a call at a PyTorch model's root in older recordings) is its own layer.
      let layer = e.layer.flatMap { $0.isEmpty ? nil : $0 } ?? e.key
      return ActivationEntry(key: e.key, layer: layer, op: e.op ?? "",
                             shape: e.batch == "concat" ? [1] + perInput : perInput, layout: e.layout ?? "other")
    }
    // The helpers record the path they were given: absolute, or relative to where they ran,
    // which make_golden.py makes the recording's folder.
    inputsURL = sidecar.inputs.map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : url.deletingLastPathComponent().appendingPathComponent($0) }
    var inputs: Tensor?
    if let file = inputsURL, !entries.contains(where: { $0.key == Self.inputKey }) {
      do {
        let batch = file.pathExtension.lowercased() == "npy"
          ? try NPY.read(contentsOf: file) : try NPZReader(contentsOf: file).tensor(Self.inputKey)
        inputs = batch
        entries.insert(ActivationEntry(key: Self.inputKey, layer: Self.inputKey, op: "Input", shape: [1] + batch.shape.dropFirst(),
                                       layout: entries.first?.layout ?? "other"), at: 0)
      } catch {
        throw .reference(key: file.path, problem: "cannot read the recording's inputs (\(error))")
      }
    }
    self.inputs = inputs
    self.entries = entries
    if let missing = entries.first(where: { $0.op != "Input" && !archive.contains($0.key) }) {
      throw .reference(key: missing.key, problem: "listed in the sidecar but absent from \(url.path)")
    }
    try Self.checkMembers(sidecar.tensors, in: archive)
  }

  /// Every recorded member's header is readable and states the dtype and shape the sidecar
  /// lists, so a damaged reference is an error up front, not a silently unaligned layer.
  private static func checkMembers(_ listed: [CapturedTensor], in archive: NPZReader) throws(DiffError) {
    for entry in listed where archive.contains(entry.key) {
      let found: (dtype: DType, shape: [Int])
      do { found = try archive.header(entry.key) } catch { throw .reference(key: entry.key, problem: "\(error)") }
      guard found.dtype.isFloatingPoint || [.int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64].contains(found.dtype)
      else {
        throw .reference(key: entry.key, problem: "\(archive.url.path) stores it as \(found.dtype.name); expected a numeric array")
      }
      guard found.shape == entry.shape else {
        throw .reference(key: entry.key, problem: "\(archive.url.path) stores shape \(found.shape); its sidecar lists \(entry.shape)")
      }
    }
  }

  public func tensor(_ key: String, input index: Int) throws -> Tensor {
    guard let entry = entries.first(where: { $0.key == key }) else {
      throw DiffError.reference(key: key, problem: "not recorded in \(url.path)")
    }
    let batch = try batchTensor(key)
    guard index < batch.shape.first ?? 0, let size = batch.dtype.byteSize else {
      throw DiffError.reference(key: key, problem: "no input \(index) (shape \(batch.shape))")
    }
    let perInput = batch.shape.dropFirst().reduce(1, *) * size
    let start = batch.range.lowerBound + index * perInput
    return Tensor(dtype: batch.dtype, shape: entry.shape, storage: batch.storage, range: start..<(start + perInput))
  }

  private func batchTensor(_ key: String) throws -> Tensor {
    if key == Self.inputKey, let inputs { return inputs }
    if let t = cache[key] { return t }
    let t = try archive.tensor(key)
    if cachedBytes + t.range.count > cacheBytes { cache.removeAll(); cachedBytes = 0 }
    cache[key] = t
    cachedBytes += t.range.count
    return t
  }
}
