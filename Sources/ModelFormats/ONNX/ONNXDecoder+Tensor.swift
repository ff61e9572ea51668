import CProtobufONNX
import Foundation
import ModelGraph

extension ONNXDecoder {
  /// A dense tensor: `raw_data` and external data become views (no copy); typed fields
  /// (`float_data`, `int32_data`, …) are packed into new little-endian bytes.
  func tensor(_ t: Onnx__TensorProto) throws(FormatError) -> Tensor {
    let name = string(t.name)
    let dtype = try dtype(t.data_type, of: name)
    let dims = buffer(t.dims, t.n_dims)
    guard let count = Tensor.checkedElementCount(dims) else {
      throw .invalidField(file: file, field: "dims of tensor '\(name)'", problem: "\(Array(dims)) is not a valid shape (a negative dimension or more than Int.max elements)")
    }
    let shape = dims.map { Int($0) }
    var result: Tensor
    if dtype == .string {
      result = Tensor(strings: buffer(t.string_data, t.n_string_data).map(bytes), shape: shape)
      guard result.strings.count == count else {
        throw .tensorSizeMismatch(file: file, tensor: name, expected: count, found: result.strings.count)
      }
    } else {
      guard let expected = Tensor.checkedByteCount(elements: count, dtype: dtype) else {
        throw .invalidField(file: file, field: "dims of tensor '\(name)'", problem: "\(shape) of \(dtype.name) needs more than Int.max bytes")
      }
      let storage: ByteStorage
      if t.has_data_location != 0, t.data_location == ONNX__TENSOR_PROTO__DATA_LOCATION__EXTERNAL {
        storage = try external(t, name: name)
      } else if t.has_raw_data != 0 {
        storage = t.raw_data.len > 0 && t.raw_data.data != nil
          ? ByteStorage(viewing: UnsafeRawBufferPointer(start: t.raw_data.data, count: t.raw_data.len), owner: owner)
          : ByteStorage([])
      } else {
        storage = typed(t, dtype: dtype, count: count)
      }
      guard storage.bytes.count == expected else {
        throw .tensorSizeMismatch(file: file, tensor: name, expected: expected, found: storage.bytes.count)
      }
      result = Tensor(dtype: dtype, shape: shape, storage: storage)
    }
    result.name = name
    result.docString = string(t.doc_string)
    if let segment = t.segment {
      result.unknownFields += WireFields.lengthDelimited(3, packed(segment))
    }
    result.unknownFields += unknown(t.base)
    return result
  }

  func sparseTensor(_ s: Onnx__SparseTensorProto) throws(FormatError) -> SparseTensor {
    guard let values = s.values, let indices = s.indices else {
      throw .invalidField(file: file, field: "sparse tensor", problem: "values or indices are missing")
    }
    return SparseTensor(
      values: try tensor(values.pointee), indices: try tensor(indices.pointee),
      denseShape: buffer(s.dims, s.n_dims).map { Int($0) })
  }

  /// Packs the typed field that matches `dtype` (ONNX stores 8/16-bit types and float16 in
  /// `int32_data`, one element per entry, and uint32 in `uint64_data`).
  private func typed(_ t: Onnx__TensorProto, dtype: DType, count: Int) -> ByteStorage {
    switch dtype {
    case .float32, .complex64: return pack(buffer(t.float_data, t.n_float_data), as: Float.self)
    case .float64, .complex128: return pack(buffer(t.double_data, t.n_double_data), as: Double.self)
    case .int64: return pack(buffer(t.int64_data, t.n_int64_data), as: Int64.self)
    case .uint64: return pack(buffer(t.uint64_data, t.n_uint64_data), as: UInt64.self)
    case .uint32: return pack(buffer(t.uint64_data, t.n_uint64_data), as: UInt32.self)
    case .int32: return pack(buffer(t.int32_data, t.n_int32_data), as: Int32.self)
    case .int16, .uint16, .float16, .bfloat16: return pack(buffer(t.int32_data, t.n_int32_data), as: UInt16.self)
    default: return pack(buffer(t.int32_data, t.n_int32_data), as: UInt8.self)
    }
  }

  /// Stores each value truncated to `T`'s width (bit patterns preserved).
  private func pack<S: FixedWidthInteger, T: FixedWidthInteger>(_ values: UnsafeBufferPointer<S>, as: T.Type) -> ByteStorage {
    ByteStorage(count: values.count * MemoryLayout<T>.size) { dst in
      for (i, v) in values.enumerated() {
        dst.storeBytes(of: T(truncatingIfNeeded: v).littleEndian, toByteOffset: i * MemoryLayout<T>.size, as: T.self)
      }
    }
  }

  private func pack<T: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<T>, as: T.Type) -> ByteStorage {
    ByteStorage(copying: UnsafeRawBufferPointer(values))
  }

  /// A view of the bytes `external_data` points to, inside a file of the model's folder.
  private func external(_ t: Onnx__TensorProto, name: String) throws(FormatError) -> ByteStorage {
    var entries: [String: String] = [:]
    for e in buffer(t.external_data, t.n_external_data) {
      if let e { entries[string(e.pointee.key)] = string(e.pointee.value) }
    }
    let location = entries["location"] ?? ""
    guard let folder else {
      throw .externalDataUnreadable(file: file, tensor: name, location: location, reason: "the model was decoded from bytes without a folder")
    }
    let mapped = try externalFiles.map(location, in: folder, file: file, tensor: name)
    let size = mapped.bytes.count
    guard let offset = Int(entries["offset"] ?? "0"), offset >= 0,
          let length = Int(entries["length"] ?? String(max(size - offset, 0))), length >= 0 else {
      throw .invalidField(file: file, field: "external_data of tensor '\(name)'", problem: "offset '\(entries["offset"] ?? "")' or length '\(entries["length"] ?? "")' is not a non-negative integer")
    }
    guard offset <= size, length <= size - offset else {
      throw .externalDataOutOfRange(file: file, tensor: name, location: location, offset: offset, length: length, fileSize: size)
    }
    guard length > 0 else { return ByteStorage([]) }
    externalFiles.viewedBytes += length
    return ByteStorage(viewing: UnsafeRawBufferPointer(rebasing: mapped.bytes[offset..<offset + length]), owner: mapped)
  }
}

/// External data files of one model, each mapped once however many tensors it holds.
final class ExternalFiles: @unchecked Sendable {
  private var mapped: [String: MappedFile] = [:]
  /// Bytes of tensors decoded as views of these files.
  var viewedBytes = 0

  /// Maps `location` after checking it stays inside `folder` (relative, no `..`, no symlink out).
  func map(_ location: String, in folder: URL, file: String, tensor: String) throws(FormatError) -> MappedFile {
    if let m = mapped[location] { return m }
    let parts = location.split(separator: "/", omittingEmptySubsequences: false)
    guard !location.isEmpty, !location.hasPrefix("/"), !parts.contains(".."), !location.contains("\\") else {
      throw .externalDataOutsideFolder(file: file, tensor: tensor, location: location)
    }
    let url = folder.appendingPathComponent(location)
    let root = folder.resolvingSymlinksInPath().standardizedFileURL.path
    let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
    guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
      throw .externalDataOutsideFolder(file: file, tensor: tensor, location: location)
    }
    let m: MappedFile
    do { m = try MappedFile(url) } catch {
      throw .externalDataUnreadable(file: file, tensor: tensor, location: location, reason: "\(error)")
    }
    mapped[location] = m
    return m
  }
}
