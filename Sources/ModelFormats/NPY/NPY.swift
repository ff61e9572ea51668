import Foundation
import ModelGraph

/// Reading and writing numpy's `.npy` format.
///
/// ```swift
/// let x = try NPY.read(contentsOf: URL(fileURLWithPath: "x.npy"))  // maps the file, no copy
/// try NPY.write(x, to: URL(fileURLWithPath: "copy.npy"))
/// ```
/// Tensors come back little-endian in C order: big-endian data is byte-swapped and Fortran-order
/// data transposed on read (those two cases copy). Format: numpy's `format.py` (NEP 1).
public enum NPY {
  /// Maps `url` and decodes it; the tensor views the mapped file unless it had to be reordered.
  public static func read(contentsOf url: URL) throws(FormatError) -> Tensor {
    let mapped = try MappedFile(url)
    return try decode(ByteStorage(viewing: mapped.bytes, owner: mapped), file: url.path)
  }

  /// Decodes the .npy bytes held in `storage` (a whole file or archive member).
  /// `file` and `member` only name the source in errors.
  public static func decode(_ storage: ByteStorage, file: String, member: String? = nil)
    throws(FormatError) -> Tensor
  {
    let header = try NPYHeader.parse(storage.bytes, file: file, member: member)
    let expected = header.dataByteCount
    let found = storage.bytes.count - header.dataOffset
    guard found >= expected else {
      throw .truncated(file: file, member: member,
                       what: "the data of shape \(header.shape) '\(header.descrText)'",
                       expected: header.dataOffset + expected, found: storage.bytes.count)
    }
    guard found == expected else {
      throw .npyDataLength(file: file, member: member, shape: header.shape, descr: header.descrText,
                           expected: expected, found: found)
    }
    var tensor = Tensor(dtype: header.descr.dtype, shape: header.shape, storage: storage,
                        range: header.dataOffset..<(header.dataOffset + expected))
    if header.fortranOrder && tensor.rank > 1 { tensor = tensor.fromFortranOrder() }
    if header.descr.bigEndian { tensor = tensor.byteSwapped() }
    return tensor
  }

  /// Writes `tensor` as a version 1.0 (or 2.0) .npy, through a temporary file renamed into place.
  /// Refuses to replace an existing file unless `force`.
  public static func write(_ tensor: Tensor, to url: URL, force: Bool = false) throws(FormatError) {
    let header = try header(for: tensor, file: url.path, key: nil)
    let out = try StagedFile(url, force: force)
    try header.withBytes { (b) throws(FormatError) in try out.write(b) }
    try out.write(tensor.bytes)
    try out.commit()
  }

  /// The preamble that precedes `tensor.bytes` in an .npy file.
  public static func header(for tensor: Tensor, file: String, key: String?) throws(FormatError) -> [UInt8] {
    guard let descr = NPYDescr.string(for: tensor.dtype), let size = tensor.dtype.byteSize else {
      throw .npyUnwritableDType(file: file, key: key, dtype: tensor.dtype)
    }
    guard tensor.bytes.count == tensor.elementCount * size else {
      throw .npyDataLength(file: file, member: key, shape: tensor.shape, descr: descr,
                           expected: tensor.elementCount * size, found: tensor.bytes.count)
    }
    return NPYHeader.encode(descr: descr, shape: tensor.shape)
  }
}
