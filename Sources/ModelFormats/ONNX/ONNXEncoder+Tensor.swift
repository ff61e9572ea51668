import CProtobufONNX
import ModelGraph

extension ONNXEncoder {
  /// A `TensorProto`: numbers as `raw_data` pointing at the tensor's own bytes, strings as
  /// `string_data`; an initializer at or above the sink's threshold becomes external data.
  func tensor(_ t: Tensor, name: String? = nil, mayBeExternal: Bool = false) throws(FormatError) -> UnsafeMutablePointer<Onnx__TensorProto> {
    let p = arena.message(onnx__tensor_proto__init)
    let dims = t.shape.map { Int64($0) }
    (p.pointee.n_dims, p.pointee.dims) = (dims.count, arena.values(dims))
    (p.pointee.has_data_type, p.pointee.data_type) = (1, t.dtype.rawValue)
    let name = name ?? t.name
    p.pointee.name = arena.optionalString(name)
    p.pointee.doc_string = arena.optionalString(t.docString)
    if t.dtype == .string {
      let list = t.strings.map { arena.binary($0) }
      (p.pointee.n_string_data, p.pointee.string_data) = (list.count, arena.values(list))
    } else if mayBeExternal, let sink, t.bytes.count >= sink.threshold {
      let offset = sink.place(t)
      let entries = [("location", sink.location), ("offset", String(offset)), ("length", String(t.bytes.count))]
        .map { entry($0.0, $0.1) }
      (p.pointee.n_external_data, p.pointee.external_data) = (entries.count, arena.list(entries))
      (p.pointee.has_data_location, p.pointee.data_location) = (1, ONNX__TENSOR_PROTO__DATA_LOCATION__EXTERNAL)
    } else {
      let bytes = t.bytes
      p.pointee.has_raw_data = 1
      p.pointee.raw_data = ProtobufCBinaryData(
        len: bytes.count,
        data: UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)))
    }
    try setUnknown(&p.pointee.base, t.unknownFields)
    return p
  }

  func sparseTensor(_ s: SparseTensor, name: String? = nil) throws(FormatError) -> UnsafeMutablePointer<Onnx__SparseTensorProto> {
    let p = arena.message(onnx__sparse_tensor_proto__init)
    p.pointee.values = try tensor(s.values, name: name)
    p.pointee.indices = try tensor(s.indices)
    let dims = s.denseShape.map { Int64($0) }
    (p.pointee.n_dims, p.pointee.dims) = (dims.count, arena.values(dims))
    return p
  }
}

/// Collects the initializers an encoder moves out of the model, and their offsets in the data
/// file; `ONNXFile.write` then streams them from their own storage.
final class ExternalDataSink {
  /// The data file's name relative to the model's folder.
  let location: String
  /// Initializers with at least this many bytes go to the data file.
  let threshold: Int
  private(set) var pieces: [(offset: Int, tensor: Tensor)] = []
  private(set) var size = 0
  /// Offsets are aligned so mapped tensors start on a cache line.
  static let alignment = 64

  init(location: String, threshold: Int) {
    self.location = location
    self.threshold = threshold
  }

  func place(_ t: Tensor) -> Int {
    let offset = (size + Self.alignment - 1) / Self.alignment * Self.alignment
    pieces.append((offset, t))
    size = offset + t.bytes.count
    return offset
  }
}
