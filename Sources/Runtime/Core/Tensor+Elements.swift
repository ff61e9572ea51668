import ModelGraph

/// How kernels compute on a dtype: floating types in `Float`, integers in `Int64`, bools as
/// `Bool`. Results go back to the tensor's own dtype.
enum ComputeClass: Sendable {
  case float, integer, bool
}

extension DType {
  /// `nil` for strings, complex and 4/8-bit float types, which no numeric kernel accepts.
  var computeClass: ComputeClass? {
    switch self {
    case .float32, .float64, .float16, .bfloat16: .float
    case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: .integer
    case .bool: .bool
    default: nil
    }
  }
}

extension Tensor {
  /// Calls `body` with the elements as `Int64`: in place for aligned int64 bytes, converted
  /// otherwise (floats truncate toward zero).
  func withInt64s<R, E: Error>(_ body: (UnsafeBufferPointer<Int64>) throws(E) -> R) throws(E) -> R {
    let raw = bytes
    if dtype == .int64, Int(bitPattern: raw.baseAddress) % MemoryLayout<Int64>.alignment == 0 {
      defer { withExtendedLifetime(storage) {} }
      return try body(raw.assumingMemoryBound(to: Int64.self))
    }
    let values = int64s() ?? []
    do {
      return try values.withUnsafeBufferPointer { buffer in try body(buffer) }
    } catch let error as E {
      throw error
    } catch {
      preconditionFailure("withUnsafeBufferPointer rethrows only the body's error")
    }
  }

  /// The elements as truth values: non-zero is true (for floats too, so 0.5 is true).
  func truthValues() -> [Bool] {
    dtype.computeClass == .float ? (floats() ?? []).map { $0 != 0 } : (int64s() ?? []).map { $0 != 0 }
  }

  /// A bool tensor.
  static func bools(_ values: [Bool], shape: [Int]) -> Tensor {
    Tensor(values: values.map { UInt8($0 ? 1 : 0) }, dtype: .bool, shape: shape)
  }

  /// Int64 values as a tensor of any numeric `dtype` (integers wrap, floats convert).
  static func numbers(_ values: [Int64], dtype: DType, shape: [Int]) -> Tensor {
    dtype.computeClass == .float
      ? Tensor(values.map { Float($0) }, shape: shape).converted(to: dtype)
      : Tensor.integers(values, dtype: dtype, shape: shape)
  }

  /// This numeric tensor as `dtype`, with numpy's `astype` rules: floats truncate toward zero
  /// into integers, integers wrap, and any non-zero value is `true`. `nil` for non-numeric types.
  func cast(to target: DType) -> Tensor? {
    guard let source = dtype.computeClass, target.computeClass != nil else { return nil }
    if target == .bool { return Tensor.bools(truthValues(), shape: shape) }
    if source == .float, target.computeClass == .float {
      guard dtype != .float64 || target != .float64 else { return self }
      // float64 → float16 goes through float32; the double rounding is within the spec.
      return asFloat32()?.converted(to: target)
    }
    guard let values = int64s() else { return nil }
    return Tensor.numbers(values, dtype: target, shape: shape)
  }
}

extension Tensor {
  /// Bytes per element; strings and packed 4-bit types throw a dtype error naming `input`.
  func elementSize(input: Int) throws(RuntimeError) -> Int {
    guard let size = dtype.byteSize, dtype != .string else {
      throw .dtype(input: input, expected: "a fixed-size element type", found: dtype)
    }
    return size
  }
}

extension Array where Element == Tensor? {
  /// Input `index` as integers (shape, axes, pads inputs), required.
  func requiredInts(_ index: Int) throws(RuntimeError) -> [Int] {
    guard let values = try ints(index) else { throw .missingOperand(index: index) }
    return values
  }
}

extension Node {
  /// A required attribute of list-of-ints kind.
  func requiredInts(_ name: String) throws(RuntimeError) -> [Int] {
    guard let values = try ints(name) else { throw .attribute(name: name, expected: "a list of ints", found: "absent") }
    return values
  }

  /// True when output `index` is named (an optional output the graph uses).
  func hasOutput(_ index: Int) -> Bool { index < outputs.count && !outputs[index].isEmpty }
}
