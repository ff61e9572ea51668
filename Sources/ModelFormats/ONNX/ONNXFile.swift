import CProtobufONNX
import Foundation
import ModelGraph

/// Where `ONNXFile.write` puts initializer bytes.
public enum ExternalDataPolicy: Sendable, Equatable {
  /// Every tensor inside the model file (`raw_data`); the file must stay under 2 GiB.
  case inline
  /// Initializers of at least `threshold` bytes go to `location` beside the model (default:
  /// `<model file name>.data`), as ONNX external data; needed for models over 2 GiB.
  case external(location: String? = nil, threshold: Int = 1024)
}

/// Reads and writes ONNX files (`ModelProto`) and single tensors (`TensorProto`, `.pb`).
///
/// ```swift
/// let model = try ONNXFile.read(URL(fileURLWithPath: "model.onnx"))
/// try ONNXFile.write(model, to: URL(fileURLWithPath: "copy.onnx"), force: true)
/// ```
/// Reading maps the file; initializers stored as `raw_data` or external data are views, not
/// copies. Fields the schema does not model survive in `unknownFields` properties.
public enum ONNXFile {
  /// Reads a model; external data is resolved inside the model's folder. `validate` checks the
  /// main graph (every node reads defined tensors, each tensor has one producer).
  public static func read(_ url: URL, validate: Bool = true) throws(FormatError) -> Model {
    let mapped = try MappedFile(url)
    return try decode(mapped.bytes, file: url.path, folder: url.deletingLastPathComponent(), validate: validate)
  }

  /// Decodes a serialized model. `file` names it in errors; `folder` is where external data lives.
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, file: String = "<bytes>", folder: URL? = nil, validate: Bool = true
  ) throws(FormatError) -> Model {
    try decodeCountingExternal(bytes, file: file, folder: folder, validate: validate).model
  }

  /// `decode`, also saying how many tensor bytes live in external data files.
  static func decodeCountingExternal(
    _ bytes: UnsafeRawBufferPointer, file: String, folder: URL?, validate: Bool
  ) throws(FormatError) -> (model: Model, externalBytes: Int) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { throw .empty(file: file) }
    if ONNXNesting.tooDeep(bytes) {
      throw .invalidField(file: file, field: "graph", problem: "subgraphs nested more than \(ONNXNesting.limit) deep")
    }
    guard let m = onnx__model_proto__unpack(nil, bytes.count, base.assumingMemoryBound(to: UInt8.self)) else {
      throw .notAModel(file: file, reason: "the bytes are not a protobuf ModelProto (truncated, corrupt or another format)")
    }
    let owner = m.withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { UnpackedMessage($0) }
    let decoder = ONNXDecoder(file: file, folder: folder, owner: owner)
    let model = try withExtendedLifetime(owner) { () throws(FormatError) -> Model in try decoder.model(m.pointee) }
    if validate {
      do { try model.graph.validate() } catch { throw .invalidGraph(file: file, error) }
    }
    return (model, decoder.externalFiles.viewedBytes)
  }

  public static func decode(_ bytes: [UInt8], file: String = "<bytes>", validate: Bool = true) throws(FormatError) -> Model {
    try bytes.withBytes { (b) throws(FormatError) in try decode(b, file: file, validate: validate) }
  }

  /// Serializes a model with every tensor inline.
  public static func encode(_ model: Model) throws(FormatError) -> [UInt8] {
    try withExtendedLifetime(model) { () throws(FormatError) -> [UInt8] in
      let encoder = ONNXEncoder(sink: nil, file: "<bytes>")
      let message = try encoder.model(model)
      return withExtendedLifetime(encoder.arena) { pack(message) }
    }
  }

  /// Writes a model to `url` (temporary file, then rename). Refuses to replace an existing file
  /// unless `force`. With `.external`, large initializers go to a data file beside it.
  public static func write(
    _ model: Model, to url: URL, externalData: ExternalDataPolicy = .inline, force: Bool = false
  ) throws(FormatError) {
    var sink: ExternalDataSink?
    if case .external(let location, let threshold) = externalData {
      let name = location ?? url.lastPathComponent + ".data"
      guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
        throw .externalDataOutsideFolder(file: url.path, tensor: "", location: name)
      }
      sink = ExternalDataSink(location: name, threshold: threshold)
    }
    try withExtendedLifetime(model) { () throws(FormatError) in
      let encoder = ONNXEncoder(sink: sink, file: url.path)
      let message = try encoder.model(model)
      let size = onnx__model_proto__get_packed_size(message)
      guard size < Int(Int32.max) else {
        throw .writeFailed(file: url.path, reason: "the model is \(size) bytes, over protobuf's 2 GiB limit; write it with external data")
      }
      let modelFile = try StagedFile(url, force: force)
      var dataFile: StagedFile?
      if let sink, !sink.pieces.isEmpty {
        let data = try StagedFile(url.deletingLastPathComponent().appendingPathComponent(sink.location), force: force)
        var at = 0
        for piece in sink.pieces {
          try data.pad(piece.offset - at)
          try data.write(piece.tensor.bytes)
          at = piece.offset + piece.tensor.bytes.count
        }
        dataFile = data
      }
      // Streamed: tensor bytes go from their own (often mapped) memory to the file, so writing
      // never holds a second copy of the weights.
      try withExtendedLifetime(encoder.arena) { () throws(FormatError) in
        try modelFile.write { fd in deltann_pack_model_to_fd(message, fd) }
      }
      try dataFile?.commit()
      try modelFile.commit()
    }
  }

  /// Reads one `TensorProto` file (the `input_0.pb` / `output_0.pb` files of ONNX test data).
  public static func readTensor(_ url: URL) throws(FormatError) -> Tensor {
    let mapped = try MappedFile(url)
    return try decodeTensor(mapped.bytes, file: url.path, folder: url.deletingLastPathComponent())
  }

  public static func decodeTensor(
    _ bytes: UnsafeRawBufferPointer, file: String = "<bytes>", folder: URL? = nil
  ) throws(FormatError) -> Tensor {
    guard let base = bytes.baseAddress, bytes.count > 0 else { throw .empty(file: file) }
    guard let t = onnx__tensor_proto__unpack(nil, bytes.count, base.assumingMemoryBound(to: UInt8.self)) else {
      throw .notAModel(file: file, reason: "the bytes are not a protobuf TensorProto")
    }
    let owner = t.withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { UnpackedMessage($0) }
    return try withExtendedLifetime(owner) { () throws(FormatError) -> Tensor in
      try ONNXDecoder(file: file, folder: folder, owner: owner).tensor(t.pointee)
    }
  }

  /// Serializes one tensor as a `TensorProto`.
  public static func encodeTensor(_ tensor: Tensor) throws(FormatError) -> [UInt8] {
    try withExtendedLifetime(tensor) { () throws(FormatError) -> [UInt8] in
      let encoder = ONNXEncoder(sink: nil, file: "<bytes>")
      let p = try encoder.tensor(tensor)
      return withExtendedLifetime(encoder.arena) {
        let n = onnx__tensor_proto__get_packed_size(p)
        return [UInt8](unsafeUninitializedCapacity: n) { buf, count in count = onnx__tensor_proto__pack(p, buf.baseAddress) }
      }
    }
  }

  private static func pack(_ p: UnsafeMutablePointer<Onnx__ModelProto>) -> [UInt8] {
    let n = onnx__model_proto__get_packed_size(p)
    return [UInt8](unsafeUninitializedCapacity: n) { buf, count in count = onnx__model_proto__pack(p, buf.baseAddress) }
  }
}
