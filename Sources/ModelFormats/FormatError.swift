import ModelGraph

/// Errors of the `ModelFormats` module. Cases carry the file, layer or node concerned and what was
/// expected; their text is rendered in `FormatError+Description.swift`.
public enum FormatError: Error, Sendable, Equatable {
  /// An image file that could not be read or decoded (`problem` says why).
  case image(file: String, problem: String)
  /// The file cannot be opened, mapped or read.
  case unreadable(file: String, reason: String)
  /// The file has no bytes.
  case empty(file: String)
  /// The bytes are not a protobuf message of the expected kind (`ModelProto`, `TensorProto`).
  case notAModel(file: String, reason: String)
  /// A field holds a value the format does not allow (an unknown data type, a negative dim).
  case invalidField(file: String, field: String, problem: String)
  /// The model's graph is not well-formed (a node reads a tensor nothing defines, …).
  case invalidGraph(file: String, GraphError)
  /// A tensor's data holds a different number of bytes or elements than its dtype and shape need.
  case tensorSizeMismatch(file: String, tensor: String, expected: Int, found: Int)
  /// External data whose location leaves the model's folder (absolute, `..`, symlink out).
  case externalDataOutsideFolder(file: String, tensor: String, location: String)
  /// External data whose offset and length run past the end of its file.
  case externalDataOutOfRange(file: String, tensor: String, location: String, offset: Int, length: Int, fileSize: Int)
  /// External data that cannot be found or opened.
  case externalDataUnreadable(file: String, tensor: String, location: String, reason: String)
  /// libonnx's shape inference rejected the model.
  case shapeInference(file: String, problem: String)
  /// The model is newer than the system libonnx (IR or opset) and was not processed by it.
  case newerThanLibONNX(file: String, problem: String)
  /// The output exists and overwriting was not requested.
  case outputExists(file: String)
  /// Writing the output failed; nothing was left behind.
  case writeFailed(file: String, reason: String)

  // MARK: NPY / NPZ
  /// The bytes end before `what` is complete.
  case truncated(file: String, member: String?, what: String, expected: Int, found: Int)
  /// The file (or archive member) does not start with `\x93NUMPY`.
  case npyBadMagic(file: String, member: String?, found: [UInt8])
  /// The header dictionary or version is malformed.
  case npyBadHeader(file: String, member: String?, reason: String)
  /// A dtype DeltaNN does not read (object arrays, structured dtypes, complex, strings, ...).
  case npyUnsupportedDType(file: String, member: String?, descr: String)
  /// shape × itemsize disagrees with the number of data bytes present.
  case npyDataLength(file: String, member: String?, shape: [Int], descr: String, expected: Int, found: Int)
  /// A tensor that NPY cannot hold (string tensors, 4-bit or 8-bit float types, bfloat16).
  case npyUnwritableDType(file: String, key: String?, dtype: DType)
  /// The zip layer of an .npz is broken.
  case npzCorrupt(file: String, member: String?, reason: String)
  /// A key asked for is not in the archive.
  case npzMissingKey(file: String, key: String, available: [String])
  /// The same key was added twice to an `NPZWriter`.
  case npzDuplicateKey(file: String, key: String)
  /// `file` is not a readable zip archive.
  case corruptZip(file: String, reason: String)
  /// The zip archive `file` has no member `member`.
  case missingZipMember(file: String, member: String)
  /// `file` is not an HDF5 file HDF5 can open.
  case notHDF5(file: String)
  /// libhdf5 crashed or hung reading `file`'s objects (in the probe's child process).
  case corruptHDF5(file: String, problem: String)
  /// The HDF5 object or attribute at `path` in `file` is missing.
  case missingHDF5Object(file: String, path: String)
  /// The HDF5 object at `path` in `file` exists but cannot be read as `expected`.
  case unreadableHDF5Object(file: String, path: String, expected: String, found: String)
}
