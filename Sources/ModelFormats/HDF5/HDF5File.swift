import CHDF5
import Foundation
import ModelGraph

/// An HDF5 file opened read-only from memory: a mapped file or a member of a mapped archive.
///
/// ```swift
/// let h5 = try HDF5File(contentsOf: URL(fileURLWithPath: "model.h5"))
/// let config = try h5.stringAttribute("model_config", at: "/")
/// let kernel = try h5.tensor(at: "model_weights/conv1/conv1/kernel")
/// ```
/// Float32 datasets stored contiguously are returned as views of the image (no copy); others
/// are read through HDF5 and converted to float32 (floats) or int64 (integers).
/// A class because it owns the HDF5 handle; serial HDF5 is not thread-safe, so every call
/// takes one process-wide lock.
public final class HDF5File: @unchecked Sendable {
  /// The name used in errors: the file path, or `archive/member`.
  public let name: String
  let handle: hid_t
  let image: UnsafeRawBufferPointer
  let owner: AnyObject

  static let lock = NSLock()
  /// HDF5 prints its error stack on every failure unless told not to.
  static let silenced: Void = { H5Eset_auto2(deltann_H5E_DEFAULT(), nil, nil) }()

  public convenience init(contentsOf url: URL) throws(FormatError) {
    let mapping = try MappedFile(url)
    try self.init(image: mapping.bytes, owner: mapping, name: url.path)
  }

  /// Opens the HDF5 image in `image`, which `owner` keeps alive; HDF5 reads it in place.
  public init(image: UnsafeRawBufferPointer, owner: AnyObject, name: String) throws(FormatError) {
    self.name = name
    self.image = image
    self.owner = owner
    Self.lock.lock()
    defer { Self.lock.unlock() }
    _ = Self.silenced
    guard image.count >= 8 else { throw .notHDF5(file: name) }
    try Self.probe(image, name: name)
    guard let id = Self.open(image) else { throw .notHDF5(file: name) }
    handle = id
  }

  /// An already-open handle, for the probe's child process (which takes no lock and never
  /// deinitialises: it exits).
  init(handle: hid_t, image: UnsafeRawBufferPointer, name: String) {
    self.name = name
    self.image = image
    self.owner = NSNull()
    self.handle = handle
  }

  /// Opens `image` in place, read-only; `nil` when libhdf5 refuses it.
  static func open(_ image: UnsafeRawBufferPointer) -> hid_t? {
    guard let base = image.baseAddress else { return nil }
    let flags = UInt32(H5LT_FILE_IMAGE_DONT_COPY | H5LT_FILE_IMAGE_DONT_RELEASE)
    let id = H5LTopen_file_image(UnsafeMutableRawPointer(mutating: base), image.count, flags)
    return id >= 0 ? id : nil
  }

  deinit {
    Self.lock.lock()
    H5Fclose(handle)
    Self.lock.unlock()
  }

  public enum ObjectKind: Sendable { case group, dataset, other }

  /// What is at `path`, or `nil` when nothing is.
  public func kind(at path: String) -> ObjectKind? {
    Self.lock.lock()
    defer { Self.lock.unlock() }
    return unlockedKind(at: path)
  }

  func unlockedKind(at path: String) -> ObjectKind? {
    // H5Lexists fails on a missing intermediate group, so check each prefix in turn.
    var prefix = ""
    for part in path.split(separator: "/") {
      prefix += (prefix.isEmpty ? "" : "/") + part
      guard H5Lexists(handle, prefix, deltann_H5P_DEFAULT()) > 0 else { return nil }
    }
    var info = H5O_info_t()
    guard H5Oget_info_by_name2(handle, path.isEmpty ? "/" : path, &info, UInt32(H5O_INFO_BASIC), deltann_H5P_DEFAULT()) >= 0
    else { return nil }
    switch info.type {
    case H5O_TYPE_GROUP: return .group
    case H5O_TYPE_DATASET: return .dataset
    default: return .other
    }
  }

  /// The names of the links in group `path`, in name order.
  public func children(of path: String) throws(FormatError) -> [String] {
    Self.lock.lock()
    defer { Self.lock.unlock() }
    return try unlockedChildren(of: path)
  }

  func unlockedChildren(of path: String) throws(FormatError) -> [String] {
    guard unlockedKind(at: path) == .group else { throw .missingHDF5Object(file: name, path: path) }
    let group = H5Gopen2(handle, path.isEmpty ? "/" : path, deltann_H5P_DEFAULT())
    guard group >= 0 else { throw .missingHDF5Object(file: name, path: path) }
    defer { H5Gclose(group) }
    var info = H5G_info_t()
    guard H5Gget_info(group, &info) >= 0 else { throw .missingHDF5Object(file: name, path: path) }
    var names: [String] = []
    for i in 0..<info.nlinks {
      let length = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, deltann_H5P_DEFAULT())
      guard length >= 0 else { continue }
      var buffer = [CChar](repeating: 0, count: Int(length) + 1)
      H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, &buffer, buffer.count, deltann_H5P_DEFAULT())
      names.append(String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return names
  }
}
