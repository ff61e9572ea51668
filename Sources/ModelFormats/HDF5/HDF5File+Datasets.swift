import CHDF5
import ModelGraph

/// Numeric datasets as tensors.
extension HDF5File {
  /// The dataset at `path`: float datasets as float32, integer ones as int64. Contiguous,
  /// unfiltered little-endian float32 data is viewed in place; anything else is read by HDF5.
  public func tensor(at path: String) throws(FormatError) -> Tensor {
    Self.lock.lock()
    defer { Self.lock.unlock() }
    guard unlockedKind(at: path) == .dataset else { throw .missingHDF5Object(file: name, path: path) }
    let dataset = H5Dopen2(handle, path, deltann_H5P_DEFAULT())
    guard dataset >= 0 else { throw .missingHDF5Object(file: name, path: path) }
    defer { H5Dclose(dataset) }
    let space = H5Dget_space(dataset), type = H5Dget_type(dataset), plist = H5Dget_create_plist(dataset)
    defer { H5Sclose(space); H5Tclose(type); H5Pclose(plist) }
    let rank = Int(H5Sget_simple_extent_ndims(space))
    var dims = [hsize_t](repeating: 0, count: max(rank, 0))
    guard rank >= 0, H5Sget_simple_extent_dims(space, &dims, nil) >= 0 else {
      throw .unreadableHDF5Object(file: name, path: path, expected: "a simple dataspace", found: "another kind")
    }
    let shape = dims.map { Int($0) }
    let count = shape.reduce(1, *)
    let dtype: DType
    switch H5Tget_class(type) {
    case H5T_FLOAT: dtype = .float32
    case H5T_INTEGER: dtype = .int64
    default:
      throw .unreadableHDF5Object(file: name, path: path, expected: "a float or integer dataset", found: "another element type")
    }
    if dtype == .float32, H5Tequal(type, deltann_H5T_IEEE_F32LE()) > 0, H5Pget_layout(plist) == H5D_CONTIGUOUS,
      H5Pget_nfilters(plist) == 0
    {
      let offset = H5Dget_offset(dataset)
      if offset != deltann_HADDR_UNDEF(), let start = Int(exactly: offset), start + count * 4 <= image.count {
        let view = UnsafeRawBufferPointer(rebasing: image[start..<(start + count * 4)])
        let storage = owner is MappedFile
          ? ByteStorage(viewingMapped: view, owner: owner, releasePages: MappedFile.releasePages)
          : ByteStorage(viewing: view, owner: owner)
        return Tensor(dtype: .float32, shape: shape, storage: storage)
      }
    }
    let memType = dtype == .float32 ? deltann_H5T_NATIVE_FLOAT() : deltann_H5T_NATIVE_INT64()
    var failed = false
    let storage = ByteStorage(count: count * 4 * (dtype == .float32 ? 1 : 2)) { buffer in
      failed = H5Dread(dataset, memType, deltann_H5S_ALL(), deltann_H5S_ALL(), deltann_H5P_DEFAULT(), buffer.baseAddress) < 0
    }
    guard !failed else {
      throw .unreadableHDF5Object(file: name, path: path, expected: "readable \(dtype.name) data", found: "a read error")
    }
    return Tensor(dtype: dtype, shape: shape, storage: storage)
  }
}
