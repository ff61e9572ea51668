import ModelFormats
import ModelGraph

/// The tensors of a payload folder (`data/weights/` or `data/constants/`): a JSON config maps each
/// state-dict name to a storage member and its `TensorMeta`; views share a storage member.
struct PT2Payloads {
  private let archive: PT2Archive
  private let folder: String
  private let entries: [String: JSONCursor]

  /// Reads `folder/configName`; an archive without that config has no payloads of this kind.
  init(_ archive: PT2Archive, folder: String, configName: String) throws(ImportError) {
    self.archive = archive
    self.folder = folder
    let member = folder + configName
    guard archive.contains(member) else {
      entries = [:]
      return
    }
    let config = try archive.json(member)["config"]
    entries = Dictionary(uniqueKeysWithValues: try config.fields().map { ($0.key, $0.value) })
  }

  /// The tensor stored under `name`, viewing the archive's bytes when it is contiguous.
  func tensor(_ name: String) throws(ImportError) -> Tensor {
    guard let entry = entries[name] else {
      throw .missingMember(file: archive.file, member: archive.root + folder + "<entry for '\(name)'>")
    }
    if try entry.optional("use_pickle")?.bool() == true {
      throw .unsupportedTensorStorage(file: archive.file, tensor: name, reason: "it is pickled (use_pickle: true), which only Python can read")
    }
    let meta = try PT2TensorMeta(try entry["tensor_meta"], tensor: name)
    guard meta.layout == PT2TensorMeta.stridedLayout else {
      throw .unsupportedTensorStorage(file: archive.file, tensor: name, reason: "layout \(meta.layout) is not strided (dense)")
    }
    guard let shape = meta.sizes.concrete, let elementSize = meta.dtype.byteSize else {
      throw .unsupportedTensorStorage(file: archive.file, tensor: name, reason: "a stored tensor needs fixed sizes and a byte-sized dtype")
    }
    let member = folder + (try entry["path_name"].string())
    let storage = try archive.storage(member)
    // Sizes, strides and offset come from the file: every product is checked before use.
    guard let count = Tensor.checkedElementCount(shape), Tensor.checkedByteCount(elements: count, dtype: meta.dtype) != nil else {
      throw .unsupportedTensorStorage(file: archive.file, tensor: name, reason: "sizes \(shape) are negative or too large")
    }
    let strides = meta.strides.isEmpty ? Self.rowMajorStrides(shape) : meta.strides
    guard strides.count == shape.count, strides.allSatisfy({ $0 >= 0 }), meta.storageOffset >= 0,
          let needed = Self.elementsSpanned(shape, strides, offset: meta.storageOffset, count: count),
          case let (bytes, overflow) = needed.multipliedReportingOverflow(by: elementSize), !overflow
    else {
      throw .unsupportedTensorStorage(file: archive.file, tensor: name, reason: "strides \(strides) do not fit sizes \(shape)")
    }
    guard bytes <= storage.bytes.count else {
      throw .truncatedTensorData(file: archive.file, member: archive.root + member, tensor: name,
                                 expectedBytes: bytes, foundBytes: storage.bytes.count)
    }
    let start = meta.storageOffset * elementSize
    if Self.isContiguous(shape, strides) {
      return Tensor(dtype: meta.dtype, shape: shape, storage: storage, range: start..<(start + count * elementSize))
    }
    return Tensor(dtype: meta.dtype, shape: shape, storage: Self.gather(storage, shape, strides, start, elementSize))
  }

  /// The last element read, plus one: how many elements the storage must hold; `nil` when
  /// that overflows.
  static func elementsSpanned(_ shape: [Int], _ strides: [Int], offset: Int, count: Int) -> Int? {
    guard count > 0 else { return 0 }
    var last = offset
    for (size, stride) in zip(shape, strides) {
      let (step, o1) = (size - 1).multipliedReportingOverflow(by: stride)
      let (sum, o2) = last.addingReportingOverflow(step)
      guard !o1, !o2 else { return nil }
      last = sum
    }
    let (end, overflow) = last.addingReportingOverflow(1)
    return overflow ? nil : end
  }

  static func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    for i in shape.indices.dropLast().reversed() { strides[i] = strides[i + 1] * shape[i + 1] }
    return strides
  }

  /// Row-major, ignoring the strides of size-1 dimensions (torch leaves them arbitrary).
  static func isContiguous(_ shape: [Int], _ strides: [Int]) -> Bool {
    let expected = rowMajorStrides(shape)
    return shape.indices.allSatisfy { shape[$0] <= 1 || strides[$0] == expected[$0] }
  }

  /// Copies a strided view into a new row-major storage.
  private static func gather(
    _ source: ByteStorage, _ shape: [Int], _ strides: [Int], _ start: Int, _ elementSize: Int
  ) -> ByteStorage {
    let count = shape.reduce(1, *)
    return ByteStorage(count: count * elementSize) { dst in
      guard let to = dst.baseAddress, let from = source.bytes.baseAddress else { return }
      var index = [Int](repeating: 0, count: shape.count)
      for i in 0..<count {
        var offset = start
        for d in shape.indices { offset += index[d] * strides[d] * elementSize }
        (to + i * elementSize).copyMemory(from: from + offset, byteCount: elementSize)
        var d = shape.count - 1
        while d >= 0 {
          index[d] += 1
          if index[d] < shape[d] { break }
          index[d] = 0
          d -= 1
        }
      }
    }
  }
}
