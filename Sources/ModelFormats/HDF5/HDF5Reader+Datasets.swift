import CHDF5
import Foundation
import ModelGraph

/// Numeric datasets: float datasets as float32, integer ones as int64.
extension HDF5Reader {
  /// The dataset at `path`. Contiguous, unfiltered little-endian float32 data is left where it
  /// lies in the file; anything else is read by libhdf5.
  func dataset(at path: String) throws(HDF5Contents.Problem) -> HDF5Contents.Dataset {
    let dataset = H5Dopen2(handle, path, deltann_H5P_DEFAULT())
    guard dataset >= 0 else { throw .missing(path: path) }
    defer { H5Dclose(dataset) }
    let space = H5Dget_space(dataset), type = H5Dget_type(dataset), plist = H5Dget_create_plist(dataset)
    defer { H5Sclose(space); H5Tclose(type); H5Pclose(plist) }
    let rank = Int(H5Sget_simple_extent_ndims(space))
    var dims = [hsize_t](repeating: 0, count: max(rank, 0))
    guard rank >= 0, H5Sget_simple_extent_dims(space, &dims, nil) >= 0 else {
      throw .unreadable(path: path, expected: "a simple dataspace", found: "another kind")
    }
    let dtype: DType
    switch H5Tget_class(type) {
    case H5T_FLOAT: dtype = .float32
    case H5T_INTEGER: dtype = .int64
    default:
      throw .unreadable(path: path, expected: "a float or integer dataset", found: "another element type")
    }
    guard let count = Tensor.checkedElementCount(dims), let bytes = Tensor.checkedByteCount(elements: count, dtype: dtype),
          dims.allSatisfy({ $0 <= UInt64(Int.max) }) else {
      throw .unreadable(path: path, expected: "extents of at most Int.max bytes", found: "extents \(dims)")
    }
    let shape = dims.map { Int($0) }
    try checkStorage(dataset, type: type, plist: plist, count: count, bytes: bytes, path: path)
    if dtype == .float32, H5Tequal(type, deltann_H5T_IEEE_F32LE()) > 0, H5Pget_layout(plist) == H5D_CONTIGUOUS,
      H5Pget_nfilters(plist) == 0
    {
      let offset = H5Dget_offset(dataset)
      if offset != deltann_HADDR_UNDEF(), let start = Int(exactly: offset), start <= image.count, bytes <= image.count - start {
        return HDF5Contents.Dataset(dtype: .float32, shape: shape, elements: .inImage(offset: start, count: bytes))
      }
    }
    let memType = dtype == .float32 ? deltann_H5T_NATIVE_FLOAT() : deltann_H5T_NATIVE_INT64()
    var data = Data(count: bytes)
    let failed = data.withUnsafeMutableBytes { buffer in
      H5Dread(dataset, memType, deltann_H5S_ALL(), deltann_H5S_ALL(), deltann_H5P_DEFAULT(), buffer.baseAddress) < 0
    }
    guard !failed else { throw .unreadable(path: path, expected: "readable \(dtype.name) data", found: "a read error") }
    return HDF5Contents.Dataset(dtype: dtype, shape: shape, elements: .bytes(data))
  }

  /// Refuses a dataset before its buffer is allocated when the buffer would exceed physical
  /// memory, or when the data (or one chunk of it) claims more bytes than the file stores for
  /// it: every byte when unfiltered, one in `SizeLimits.compressionRatio` when filtered
  /// (compressed). What is stored counts at most the file's size: libhdf5 sums it from the
  /// chunk index, which a corrupt file can inflate, and fills unstored chunks itself.
  private func checkStorage(_ dataset: hid_t, type: hid_t, plist: hid_t, count: Int, bytes: Int, path: String)
    throws(HDF5Contents.Problem)
  {
    guard bytes <= SizeLimits.memoryBytes else {
      throw .unreadable(path: path, expected: "a dataset that fits in memory (\(SizeLimits.memoryBytes) bytes)",
                        found: "\(count) elements needing \(bytes) bytes")
    }
    let stored = min(Int(clamping: H5Dget_storage_size(dataset)), image.count)
    let filtered = H5Pget_nfilters(plist) > 0
    let limit = SizeLimits.decodedBytes(fromStored: stored, compressed: filtered)
    let elementSize = max(H5Tget_size(type), 1)
    let (needed, overflow) = count.multipliedReportingOverflow(by: elementSize)
    let what = filtered ? "compressed (at most \(SizeLimits.compressionRatio):1)" : "stored"
    guard !overflow, needed <= limit else {
      throw .unreadable(path: path, expected: "\(overflow ? Int.max : needed) bytes \(what) for \(count) elements",
                        found: "\(stored) bytes in the file (\(bytes) bytes claimed)")
    }
    guard count > 0, H5Pget_layout(plist) == H5D_CHUNKED else { return }
    var chunk = [hsize_t](repeating: 0, count: 32)
    let rank = Int(H5Pget_chunk(plist, Int32(chunk.count), &chunk))
    let chunkElements = rank > 0 ? Tensor.checkedElementCount(Array(chunk.prefix(rank))) : nil
    let (chunkBytes, chunkOverflow) = (chunkElements ?? Int.max).multipliedReportingOverflow(by: elementSize)
    guard !chunkOverflow, chunkBytes <= limit else {
      throw .unreadable(path: path, expected: "chunks of at most \(limit) bytes",
                        found: "chunks of \(chunk.prefix(max(rank, 0))) elements (\(chunkOverflow ? "over \(Int.max)" : "\(chunkBytes)") bytes)")
    }
  }
}
