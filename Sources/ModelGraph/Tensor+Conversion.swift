/// Numeric views of a tensor in the two types kernels compute with.
extension Tensor {
  /// Every element as `Float`, converting from any numeric dtype (bool → 0/1).
  /// Returns `nil` for strings, complex and 4/8-bit float types.
  public func floats() -> [Float]? {
    switch dtype {
    case .float32: return scalars(as: Float.self)
    case .float64: return scalars(as: Double.self).map { Float($0) }
    case .float16: return scalars(as: UInt16.self).map { Float(Float16(bitPattern: $0)) }
    case .bfloat16: return scalars(as: UInt16.self).map { Float(bitPattern: UInt32($0) << 16) }
    case .int8: return scalars(as: Int8.self).map { Float($0) }
    case .uint8, .bool: return scalars(as: UInt8.self).map { Float($0) }
    case .int16: return scalars(as: Int16.self).map { Float($0) }
    case .uint16: return scalars(as: UInt16.self).map { Float($0) }
    case .int32: return scalars(as: Int32.self).map { Float($0) }
    case .uint32: return scalars(as: UInt32.self).map { Float($0) }
    case .int64: return scalars(as: Int64.self).map { Float($0) }
    case .uint64: return scalars(as: UInt64.self).map { Float($0) }
    default: return nil
    }
  }

  /// Every element as `Int64`, from any integer or bool dtype (floats truncate toward zero).
  public func int64s() -> [Int64]? {
    switch dtype {
    case .int64: return scalars(as: Int64.self)
    case .int32: return scalars(as: Int32.self).map { Int64($0) }
    case .int16: return scalars(as: Int16.self).map { Int64($0) }
    case .int8: return scalars(as: Int8.self).map { Int64($0) }
    case .uint8, .bool: return scalars(as: UInt8.self).map { Int64($0) }
    case .uint16: return scalars(as: UInt16.self).map { Int64($0) }
    case .uint32: return scalars(as: UInt32.self).map { Int64($0) }
    case .uint64: return scalars(as: UInt64.self).map { Int64(truncatingIfNeeded: $0) }
    case .float32, .float64, .float16, .bfloat16:
      return floats()?.map { $0.isFinite ? Int64($0) : 0 }
    default: return nil
    }
  }
}
