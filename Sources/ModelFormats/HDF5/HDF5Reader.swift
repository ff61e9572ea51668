import CHDF5

/// libhdf5 over one file image, used only in the probe's child process (`HDF5File+Probe`):
/// libhdf5 does not survive every corrupt file, so the tool's own process never calls it on
/// one. The child reads everything (`contents()`) and exits; it never closes the handle.
struct HDF5Reader {
  let handle: hid_t
  let image: UnsafeRawBufferPointer

  /// Opens `image` in place, read-only; `nil` when libhdf5 refuses it.
  init?(_ image: UnsafeRawBufferPointer) {
    // HDF5 prints its error stack on every failure unless told not to.
    H5Eset_auto2(deltann_H5E_DEFAULT(), nil, nil)
    guard let base = image.baseAddress else { return nil }
    let flags = UInt32(H5LT_FILE_IMAGE_DONT_COPY | H5LT_FILE_IMAGE_DONT_RELEASE)
    let id = H5LTopen_file_image(UnsafeMutableRawPointer(mutating: base), image.count, flags)
    guard id >= 0 else { return nil }
    handle = id
    self.image = image
  }

  /// The names of the links in group `path`, in name order.
  func children(of path: String) throws(HDF5Contents.Problem) -> [String] {
    let group = H5Gopen2(handle, path.isEmpty ? "/" : path, deltann_H5P_DEFAULT())
    guard group >= 0 else { throw .missing(path: path) }
    defer { H5Gclose(group) }
    var info = H5G_info_t()
    guard H5Gget_info(group, &info) >= 0 else { throw .missing(path: path) }
    var names: [String] = []
    for i in 0..<info.nlinks {
      let length = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, deltann_H5P_DEFAULT())
      guard length >= 0, length < 65_536 else { continue }
      var buffer = [CChar](repeating: 0, count: Int(length) + 1)
      H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, &buffer, buffer.count, deltann_H5P_DEFAULT())
      names.append(String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return names
  }
}
