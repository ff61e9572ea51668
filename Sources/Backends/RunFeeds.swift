import Foundation
import ModelFormats
import ModelGraph

/// A run's inputs file read for a model's graph inputs: an .npy (a model with one input), an
/// .npz keyed by input name, or the helpers' layout, an .npz with key `input`; batch first.
struct RunFeeds {
  var whole: [String: Tensor]
  /// Inputs in the batch (the first axis).
  var count: Int
  /// The model's declared batch sizes allow the whole batch in one run.
  var fitsInOnePass: Bool
  /// The file is in the helpers' layout (an .npy, or an .npz with key `input`).
  var helperLayout: Bool

  init(file: URL, model inputs: [ValueInfo]) throws(BackendError) {
    let names = inputs.map(\.name)
    func unusable(_ reason: String) -> BackendError { .unusable(file: file.path, role: "inputs", reason: reason) }
    guard FileManager.default.fileExists(atPath: file.path) else { throw .missingFile(file: file.path, role: "inputs") }
    do {
      if file.pathExtension.lowercased() == "npy" {
        guard names.count == 1 else {
          throw unusable("one array feeds a model with one input; this model has \(names.count) (\(names.joined(separator: ", "))): pass an .npz keyed by input name")
        }
        whole = [names[0]: try NPY.read(contentsOf: file)]
        helperLayout = true
      } else {
        let archive = try NPZReader(contentsOf: file)
        if names.allSatisfy(archive.contains) {
          whole = [:]
          for name in names { whole[name] = try archive.tensor(name) }
          helperLayout = names == [RunFeeds.helperKey]
        } else if names.count == 1, archive.contains(RunFeeds.helperKey) {
          whole = [names[0]: try archive.tensor(RunFeeds.helperKey)]
          helperLayout = true
        } else {
          let quoted = { (keys: [String]) in keys.map { "'\($0)'" }.joined(separator: ", ") }
          throw unusable("expected an array for each model input (\(quoted(names))) or one keyed 'input'; found \(quoted(archive.keys))")
        }
      }
    } catch let error as FormatError {
      throw .format(error)
    } catch let error as BackendError {
      throw error
    } catch {
      preconditionFailure("the readers throw FormatError: \(error)")
    }
    let counts = Set(whole.values.map { $0.shape.first ?? 1 })
    guard counts.count == 1, let count = counts.first, count >= 1 else {
      throw unusable("every input needs the same batch size (the first axis) of at least 1; found \(counts.sorted())")
    }
    self.count = count
    fitsInOnePass = count == 1 || inputs.allSatisfy { ($0.type.shape?.first?.value).map { $0 == count } ?? true }
  }

  static let helperKey = "input"

  /// Input `index` alone, as a batch of 1 (a view, no copy).
  func item(_ index: Int) -> [String: Tensor] {
    whole.mapValues { t in
      let per = t.range.count / max(1, t.shape.first ?? 1)
      let start = t.range.lowerBound + index * per
      return Tensor(dtype: t.dtype, shape: [1] + t.shape.dropFirst(), storage: t.storage, range: start..<(start + per))
    }
  }
}

extension Tensor {
  /// Batches of the same item shape joined along the first axis.
  init(concatenating parts: [Tensor], file: String) throws(BackendError) {
    guard let first = parts.first else { preconditionFailure("a captured tensor has at least one batch") }
    guard parts.allSatisfy({ $0.dtype == first.dtype && $0.shape.dropFirst() == first.shape.dropFirst() }) else {
      throw .unusable(file: file, role: "inputs", reason: "inputs give '\(first.name)' different shapes; record them separately")
    }
    var bytes: [UInt8] = []
    for part in parts { bytes.append(contentsOf: part.bytes) }
    let count = parts.reduce(0) { $0 + ($1.shape.first ?? 1) }
    self.init(values: bytes, dtype: first.dtype, shape: [count] + first.shape.dropFirst())
  }
}
