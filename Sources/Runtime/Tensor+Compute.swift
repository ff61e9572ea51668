import ModelGraph

/// Float32 compute views and constructors. Kernels compute in float32: other float dtypes are
/// converted on the way in (`asFloat32()`) and back on the way out (`converted(to:)`).
extension Tensor {
  /// A new float32 tensor whose elements `fill` writes (the memory starts uninitialised).
  static func float32(shape: [Int], fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
    let n = shape.reduce(1, *)
    let storage = ByteStorage(count: n * 4) { raw in fill(raw.bindMemory(to: Float.self)) }
    return Tensor(dtype: .float32, shape: shape, storage: storage)
  }

  /// `count` new float32 tensors of one shape whose elements `fill` writes together.
  static func float32(count: Int, shape: [Int], fill: ([UnsafeMutableBufferPointer<Float>]) -> Void) -> [Tensor] {
    func make(_ buffers: [UnsafeMutableBufferPointer<Float>]) -> [Tensor] {
      guard buffers.count < count else { fill(buffers); return [] }
      var rest: [Tensor] = []
      let t = Tensor.float32(shape: shape) { rest = make(buffers + [$0]) }
      return [t] + rest
    }
    return make([])
  }

  /// A new int64 tensor.
  static func int64(shape: [Int], _ values: [Int64]) -> Tensor { Tensor(int64: values, shape: shape) }

  /// A new tensor of `dtype` whose raw bytes `fill` writes.
  static func raw(dtype: DType, shape: [Int], fill: (UnsafeMutableRawBufferPointer) -> Void) -> Tensor {
    let n = shape.reduce(1, *) * (dtype.byteSize ?? 1)
    return Tensor(dtype: dtype, shape: shape, storage: ByteStorage(count: n) { fill($0) })
  }

  /// True for the dtypes float kernels accept: float32, float16, bfloat16, float64.
  var isFloat: Bool { dtype.isFloatingPoint }

  /// This tensor as aligned float32 (itself when it already is), converting any numeric dtype.
  /// Returns `nil` for strings and other non-numeric dtypes.
  func asFloat32() -> Tensor? {
    if dtype == .float32, Int(bitPattern: bytes.baseAddress) % 4 == 0 { return self }
    guard let values = floats() else { return nil }
    return Tensor(values, shape: shape)
  }

  /// Calls `body` with the float32 elements. The tensor must be aligned float32 (`asFloat32()`).
  func withFloats<R, E: Error>(_ body: (UnsafeBufferPointer<Float>) throws(E) -> R) throws(E) -> R {
    precondition(dtype == .float32, "withFloats on a \(dtype.name) tensor: call asFloat32() first")
    let buffer = bytes.assumingMemoryBound(to: Float.self)
    defer { withExtendedLifetime(storage) {} }
    return try body(buffer)
  }

  /// A float32 tensor converted to `dtype` (float16, bfloat16, float64; float32 returns self).
  func converted(to target: DType) -> Tensor {
    guard dtype == .float32, target != .float32 else { return self }
    return withFloats { src in
      switch target {
      case .float64:
        return Tensor(values: src.map { Double($0) }, dtype: .float64, shape: shape)
      case .float16:
        return Tensor(values: src.map { Float16($0).bitPattern }, dtype: .float16, shape: shape)
      case .bfloat16:
        return Tensor(values: src.map { Self.bfloat16Bits($0) }, dtype: .bfloat16, shape: shape)
      default:
        guard let ints = Tensor(Array(src), shape: shape).int64s() else { return self }
        return Tensor.integers(ints, dtype: target, shape: shape)
      }
    }
  }

  /// Int64 values packed into an integer or bool `dtype`, wrapping like numpy's `astype`.
  static func integers(_ v: [Int64], dtype: DType, shape: [Int]) -> Tensor {
    switch dtype {
    case .int8: Tensor(values: v.map { Int8(truncatingIfNeeded: $0) }, dtype: dtype, shape: shape)
    case .uint8: Tensor(values: v.map { UInt8(truncatingIfNeeded: $0) }, dtype: dtype, shape: shape)
    case .bool: Tensor(values: v.map { UInt8($0 != 0 ? 1 : 0) }, dtype: dtype, shape: shape)
    case .int16: Tensor(values: v.map { Int16(truncatingIfNeeded: $0) }, dtype: dtype, shape: shape)
    case .uint16: Tensor(values: v.map { UInt16(truncatingIfNeeded: $0) }, dtype: dtype, shape: shape)
    case .int32: Tensor(values: v.map { Int32(truncatingIfNeeded: $0) }, dtype: dtype, shape: shape)
    case .uint32: Tensor(values: v.map { UInt32(truncatingIfNeeded: $0) }, dtype: dtype, shape: shape)
    case .uint64: Tensor(values: v.map { UInt64(bitPattern: $0) }, dtype: dtype, shape: shape)
    default: Tensor(values: v, dtype: .int64, shape: shape)
    }
  }

  /// Round-to-nearest-even bfloat16 bits of `x` (NaN stays NaN).
  static func bfloat16Bits(_ x: Float) -> UInt16 {
    if x.isNaN { return 0x7FC0 }
    let bits = x.bitPattern
    return UInt16(truncatingIfNeeded: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) >> 16)
  }
}

extension Array where Element == Tensor? {
  /// Input `index` as float32 (converted when needed); throws when omitted or not numeric.
  func float(_ index: Int) throws(RuntimeError) -> Tensor {
    let t = try required(index)
    guard let f = t.asFloat32() else { throw .dtype(input: index, expected: "a numeric tensor", found: t.dtype) }
    return f
  }

  /// Input `index` as int64 values (shape, axes, pads inputs); `nil` when omitted.
  func ints(_ index: Int) throws(RuntimeError) -> [Int]? {
    guard let t = optional(index) else { return nil }
    guard !t.dtype.isFloatingPoint, let v = t.int64s() else {
      throw .dtype(input: index, expected: "an integer tensor", found: t.dtype)
    }
    return v.map { Int($0) }
  }
}

extension DType {
  /// Signed and unsigned integer dtypes (not bool).
  var isInteger: Bool {
    switch self {
    case .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64: true
    default: false
    }
  }
}
