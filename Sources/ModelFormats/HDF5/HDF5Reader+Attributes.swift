import CHDF5

/// String attributes: fixed- or variable-length, scalar or one-dimensional arrays (Keras writes
/// `model_config` as one string and legacy `weight_names` as an array of fixed-length strings).
extension HDF5Reader {
  /// The attribute `attribute` of the object at `path` as strings. An empty array of any type
  /// (h5py writes `[]` as float64) reads as no strings.
  func strings(_ attribute: String, at path: String) throws(HDF5Contents.Problem) -> [String] {
    let where_ = "\(path)@\(attribute)"
    let attr = H5Aopen_by_name(handle, path.isEmpty ? "/" : path, attribute, deltann_H5P_DEFAULT(), deltann_H5P_DEFAULT())
    guard attr >= 0 else { throw .missing(path: where_) }
    defer { H5Aclose(attr) }
    let type = H5Aget_type(attr), space = H5Aget_space(attr)
    defer { H5Tclose(type); H5Sclose(space) }
    let count = Int(H5Sget_simple_extent_npoints(space))
    if count == 0 { return [] }
    guard count > 0, count <= image.count else {
      throw .unreadable(path: where_, expected: "at most one string per byte of the file", found: "\(count) strings")
    }
    guard H5Tget_class(type) == H5T_STRING else {
      throw .unreadable(path: where_, expected: "a string attribute", found: "a non-string attribute")
    }
    if H5Tis_variable_str(type) > 0 {
      let memType = H5Tcopy(deltann_H5T_C_S1())
      defer { H5Tclose(memType) }
      H5Tset_size(memType, deltann_H5T_VARIABLE())
      H5Tset_cset(memType, H5Tget_cset(type))
      var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
      guard H5Aread(attr, memType, &pointers) >= 0 else {
        throw .unreadable(path: where_, expected: "variable-length strings", found: "unreadable data")
      }
      defer { H5Dvlen_reclaim(memType, space, deltann_H5P_DEFAULT(), &pointers) }
      return pointers.map { $0.map { String(cString: $0) } ?? "" }
    }
    let size = H5Tget_size(type)
    let (total, overflow) = size.multipliedReportingOverflow(by: count)
    guard size > 0, !overflow, total <= image.count else {
      throw .unreadable(path: where_, expected: "fixed-length strings stored in the file", found: "\(count) strings of \(size) bytes")
    }
    var bytes = [UInt8](repeating: 0, count: total)
    guard H5Aread(attr, type, &bytes) >= 0 else {
      throw .unreadable(path: where_, expected: "fixed-length strings", found: "unreadable data")
    }
    let padding: UInt8 = H5Tget_strpad(type) == H5T_STR_SPACEPAD ? 0x20 : 0
    return (0..<count).map { i in
      var element = bytes[(i * size)..<((i + 1) * size)]
      if let end = element.firstIndex(of: 0) { element = element[..<end] }
      while let last = element.last, last == padding { element = element.dropLast() }
      return String(decoding: element, as: UTF8.self)
    }
  }
}
