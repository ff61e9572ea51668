/// A dense tensor value: element type, concrete shape and little-endian, row-major bytes.
///
/// ```swift
/// let w = Tensor([1, 2, 3, 4], shape: [2, 2])
/// w.floats()  // [1, 2, 3, 4]
/// ```
/// Bytes may point into a memory-mapped file; they are never copied by reading.
/// String tensors keep their elements in `strings` and have no bytes.
public struct Tensor: Sendable {
  public var dtype: DType
  public var shape: [Int]
  public var storage: ByteStorage
  /// Byte range of this tensor inside `storage`.
  public var range: Range<Int>
  /// Elements of a `.string` tensor, as raw bytes (ONNX strings need not be UTF-8).
  public var strings: [[UInt8]]
  /// The tensor's own name in a file (ONNX `TensorProto.name`); a graph keys initializers by it.
  public var name: String = ""
  public var docString: String = ""
  /// File fields this library does not model (ONNX `segment`, newer producers' fields), kept
  /// for round trips. Not part of `==`.
  public var unknownFields: [UInt8] = []

  public init(dtype: DType, shape: [Int], storage: ByteStorage, range: Range<Int>? = nil) {
    self.dtype = dtype
    self.shape = shape
    self.storage = storage
    self.range = range ?? 0..<storage.bytes.count
    self.strings = []
  }

  public init(strings: [[UInt8]], shape: [Int]) {
    self.dtype = .string
    self.shape = shape
    self.storage = ByteStorage([])
    self.range = 0..<0
    self.strings = strings
  }

  /// Packs `values` (a trivial Swift type matching `dtype`) into a new tensor.
  public init<T: BitwiseCopyable>(values: [T], dtype: DType, shape: [Int]) {
    let storage = values.withUnsafeBytes { ByteStorage(copying: $0) }
    self.init(dtype: dtype, shape: shape, storage: storage)
  }

  public init(_ values: [Float], shape: [Int]) {
    self.init(values: values, dtype: .float32, shape: shape)
  }

  public init(int64 values: [Int64], shape: [Int]) {
    self.init(values: values, dtype: .int64, shape: shape)
  }

  public var elementCount: Int { shape.reduce(1, *) }

  public var rank: Int { shape.count }

  /// The tensor's bytes (empty for string tensors).
  public var bytes: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: storage.bytes[range])
  }

  /// Reinterprets the bytes as `T`; the caller picks `T` to match `dtype`.
  public func scalars<T: BitwiseCopyable>(as type: T.Type) -> [T] {
    let raw = bytes
    let n = raw.count / MemoryLayout<T>.stride
    return (0..<n).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.stride, as: T.self) }
  }
}
