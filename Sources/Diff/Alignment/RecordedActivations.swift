import Foundation
import ModelFormats
import ModelGraph

/// Activations recorded by the framework helpers (`python -m deltann_converters run`) or by
/// `deltann run`: an `.npz` whose arrays hold every input (first axis), described by the JSON
/// sidecar beside it (`deltann.activations/1`: `tensors` in execution order with key, layer, op,
/// shape, layout, and `batch` = `concat` when each input's array kept its batch axis of 1).
public final class RecordedActivations: ActivationSource {
  private struct Sidecar: Decodable {
    struct Entry: Decodable {
      var key: String
      var layer: String?
      var op: String?
      var shape: [Int]
      var layout: String?
      var batch: String?
    }
    var format: String?
    var tensors: [Entry]
  }

  public let url: URL
  public let entries: [ActivationEntry]
  public let inputCount: Int
  private let archive: NPZReader
  /// Decoded batches by key, within `cacheBytes`; one layer's batch is read once, not per input.
  private var cache: [String: Tensor] = [:]
  private var cachedBytes = 0
  private let cacheBytes: Int

  public init(npz url: URL, cacheBytes: Int = 512 << 20) throws(DiffError) {
    let sidecarURL = url.deletingPathExtension().appendingPathExtension("json")
    let sidecar: Sidecar
    do {
      sidecar = try JSONDecoder().decode(Sidecar.self, from: Data(contentsOf: sidecarURL))
    } catch {
      throw .reference(key: sidecarURL.path, problem: "cannot read the activations' JSON sidecar (\(error))")
    }
    do { archive = try NPZReader(contentsOf: url) } catch { throw .reference(key: url.path, problem: "\(error)") }
    self.url = url
    self.cacheBytes = cacheBytes
    inputCount = sidecar.tensors.first?.shape.first ?? 0
    entries = sidecar.tensors.map { e in
      let perInput = Array(e.shape.dropFirst())
      return ActivationEntry(key: e.key, layer: e.layer ?? e.key, op: e.op ?? "",
                             shape: e.batch == "concat" ? [1] + perInput : perInput, layout: e.layout ?? "other")
    }
    if let missing = entries.first(where: { !archive.contains($0.key) }) {
      throw .reference(key: missing.key, problem: "listed in the sidecar but absent from \(url.path)")
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
    if let t = cache[key] { return t }
    let t = try archive.tensor(key)
    if cachedBytes + t.range.count > cacheBytes { cache.removeAll(); cachedBytes = 0 }
    cache[key] = t
    cachedBytes += t.range.count
    return t
  }
}
