import Foundation
import ModelGraph

/// An HDF5 file read from memory: a mapped file or a member of a mapped archive.
///
/// ```swift
/// let h5 = try HDF5File(contentsOf: URL(fileURLWithPath: "model.h5"))
/// let config = try h5.stringAttribute("model_config", at: "/")
/// let kernel = try h5.tensor(at: "model_weights/conv1/conv1/kernel")
/// ```
/// libhdf5 does not survive every corrupt file, so it reads the file only in a child process,
/// which sends back every link, attribute and dataset (`HDF5File+Probe`); this process never
/// calls libhdf5 on the file. Float32 datasets stored contiguously are returned as views of the
/// image (no copy); others as libhdf5 read them, converted to float32 (floats) or int64
/// (integers). A class because it keeps the image's owner alive.
public final class HDF5File: @unchecked Sendable {
  /// The name used in errors: the file path, or `archive/member`.
  public let name: String
  let contents: HDF5Contents
  let image: UnsafeRawBufferPointer
  let owner: AnyObject

  public convenience init(contentsOf url: URL) throws(FormatError) {
    let mapping = try MappedFile(url)
    try self.init(image: mapping.bytes, owner: mapping, name: url.path)
  }

  /// Reads the HDF5 image in `image`, which `owner` keeps alive.
  public init(image: UnsafeRawBufferPointer, owner: AnyObject, name: String) throws(FormatError) {
    guard image.count >= 8 else { throw .notHDF5(file: name) }
    contents = try Self.probe(image, name: name)
    self.name = name
    self.image = image
    self.owner = owner
  }

  public enum ObjectKind: Sendable, Codable { case group, dataset, other }

  /// What is at `path`, or `nil` when nothing is.
  public func kind(at path: String) -> ObjectKind? { contents.object(at: path)?.kind }

  /// The names of the links in group `path`, in name order.
  public func children(of path: String) throws(FormatError) -> [String] {
    guard let links = contents.object(at: path)?.links else { throw .missingHDF5Object(file: name, path: path) }
    return try value(links).map(\.name)
  }

  /// The attribute `attribute` of the object at `path` as one string; `nil` when absent.
  public func stringAttribute(_ attribute: String, at path: String) throws(FormatError) -> String? {
    guard let strings = try stringsAttribute(attribute, at: path) else { return nil }
    guard strings.count == 1 else {
      throw .unreadableHDF5Object(file: name, path: "\(path)@\(attribute)", expected: "one string", found: "\(strings.count) strings")
    }
    return strings[0]
  }

  /// The attribute `attribute` of the object at `path` as strings; `nil` when absent. An empty
  /// array of any type (h5py writes `[]` as float64) reads as no strings.
  public func stringsAttribute(_ attribute: String, at path: String) throws(FormatError) -> [String]? {
    guard let read = contents.object(at: path)?.attributes[attribute] else { return nil }
    return try value(read)
  }

  /// The dataset at `path`: float datasets as float32, integer ones as int64.
  public func tensor(at path: String) throws(FormatError) -> Tensor {
    guard let read = contents.object(at: path)?.dataset else { throw .missingHDF5Object(file: name, path: path) }
    let dataset = try value(read)
    guard dataset.dtype == .float32 || dataset.dtype == .int64, dataset.shape.allSatisfy({ $0 >= 0 }),
          let count = Tensor.checkedElementCount(dataset.shape),
          let bytes = Tensor.checkedByteCount(elements: count, dtype: dataset.dtype) else {
      throw .corruptHDF5(file: name, problem: "the dataset '\(path)' has the impossible shape \(dataset.shape) of \(dataset.dtype.name)")
    }
    let storage: ByteStorage
    switch dataset.elements {
    case .inImage(let offset, let length):
      guard length == bytes, offset >= 0, offset <= image.count, length <= image.count - offset else {
        throw .corruptHDF5(file: name, problem: "the dataset '\(path)' lies outside the file")
      }
      let view = UnsafeRawBufferPointer(rebasing: image[offset..<(offset + length)])
      storage = owner is MappedFile
        ? ByteStorage(viewingMapped: view, owner: owner, releasePages: MappedFile.releasePages)
        : ByteStorage(viewing: view, owner: owner)
    case .bytes(let data):
      guard data.count == bytes else {
        throw .corruptHDF5(file: name, problem: "the dataset '\(path)' holds \(data.count) bytes for \(bytes)")
      }
      storage = data.withUnsafeBytes { ByteStorage(copying: $0) }
    }
    return Tensor(dtype: dataset.dtype, shape: dataset.shape, storage: storage)
  }

  /// A value the child read, or its problem as an error naming this file.
  private func value<Value>(_ read: HDF5Contents.Read<Value>) throws(FormatError) -> Value {
    switch read {
    case .value(let value): return value
    case .failed(.missing(let path)): throw .missingHDF5Object(file: name, path: path)
    case .failed(.unreadable(let path, let expected, let found)):
      throw .unreadableHDF5Object(file: name, path: path, expected: expected, found: found)
    }
  }
}
