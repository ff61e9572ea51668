import CHDF5

/// Everything `HDF5File` can answer, read once: every link, attribute and dataset reachable
/// from the root, each object once (hard links can make cycles).
extension HDF5Reader {
  /// Groups nested deeper are not walked (nor read by any importer).
  static let walkDepth = 64

  func contents() -> HDF5Contents {
    var objects: [HDF5Contents.Object] = []
    var indices: [haddr_t: Int] = [:]
    func visit(_ path: String, depth: Int) -> Int? {
      var info = H5O_info_t()
      guard depth <= Self.walkDepth,
            H5Oget_info_by_name2(handle, path.isEmpty ? "/" : path, &info, UInt32(H5O_INFO_BASIC | H5O_INFO_NUM_ATTRS),
                                 deltann_H5P_DEFAULT()) >= 0 else { return nil }
      if let index = indices[info.addr] { return index }
      let index = objects.count
      indices[info.addr] = index
      let kind: HDF5File.ObjectKind = switch info.type {
      case H5O_TYPE_GROUP: .group
      case H5O_TYPE_DATASET: .dataset
      default: .other
      }
      objects.append(HDF5Contents.Object(kind: kind))
      var object = objects[index]
      for attribute in attributeNames(path, count: info.num_attrs) {
        object.attributes[attribute] = read { () throws(HDF5Contents.Problem) in try strings(attribute, at: path) }
      }
      switch kind {
      case .group:
        object.links = read { () throws(HDF5Contents.Problem) in
          try children(of: path).map { name in
            HDF5Contents.Link(name: name, object: visit(path.isEmpty ? name : "\(path)/\(name)", depth: depth + 1))
          }
        }
      case .dataset: object.dataset = read { () throws(HDF5Contents.Problem) in try dataset(at: path) }
      case .other: break
      }
      objects[index] = object
      return index
    }
    _ = visit("", depth: 0)
    return HDF5Contents(objects: objects)
  }

  private func read<Value: Codable & Sendable>(_ body: () throws(HDF5Contents.Problem) -> Value) -> HDF5Contents.Read<Value> {
    do { return .value(try body()) } catch { return .failed(error) }
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
