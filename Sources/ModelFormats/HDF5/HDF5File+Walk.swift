import CHDF5

/// Everything this type can read from a file, read once: the probe's child runs it, so any
/// call the tool makes later has already survived in the child.
extension HDF5File {
  /// Groups nested deeper are not walked (nor read by any importer).
  static let walkDepth = 64

  /// Reads every link, attribute and dataset reachable from the root, each object once (hard
  /// links can make cycles). Errors are the caller's business later; only survival counts.
  func walk() {
    var seen = Set<haddr_t>()
    func visit(_ path: String, depth: Int) {
      var info = H5O_info_t()
      guard depth <= Self.walkDepth,
            H5Oget_info_by_name2(handle, path.isEmpty ? "/" : path, &info, UInt32(H5O_INFO_BASIC | H5O_INFO_NUM_ATTRS),
                                 deltann_H5P_DEFAULT()) >= 0,
            seen.insert(info.addr).inserted else { return }
      for attribute in attributeNames(path, count: info.num_attrs) {
        _ = try? unlockedStringsAttribute(attribute, at: path)
      }
      switch unlockedKind(at: path) {
      case .group:
        for child in (try? unlockedChildren(of: path)) ?? [] { visit(path.isEmpty ? child : "\(path)/\(child)", depth: depth + 1) }
      case .dataset: _ = try? unlockedTensor(at: path)
      case .other, nil: break
      }
    }
    visit("", depth: 0)
  }

  private func attributeNames(_ path: String, count: hsize_t) -> [String] {
    let object = path.isEmpty ? "/" : path
    return (0..<count).compactMap { i in
      let length = H5Aget_name_by_idx(handle, object, H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, deltann_H5P_DEFAULT())
      guard length >= 0, length < 65_536 else { return nil }
      var buffer = [CChar](repeating: 0, count: Int(length) + 1)
      H5Aget_name_by_idx(handle, object, H5_INDEX_NAME, H5_ITER_INC, i, &buffer, buffer.count, deltann_H5P_DEFAULT())
      return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
  }
}
