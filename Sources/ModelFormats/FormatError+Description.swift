/// One sentence per error, naming the file and what was expected.
extension FormatError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .image(let file, let problem):
      "\(file): cannot decode the image: \(problem) (expected a PNG or JPEG file)"
    case .unreadable(let file, let reason):
      "\(file): cannot read the file: \(reason)"
    case .empty(let file):
      "\(file): the file is empty"
    case .notAModel(let file, let reason):
      "\(file): not a valid ONNX file: \(reason)"
    case .invalidField(let file, let field, let problem):
      "\(file): \(field): \(problem)"
    case .invalidGraph(let file, let error):
      "\(file): invalid graph: \(error)"
    case .tensorSizeMismatch(let file, let tensor, let expected, let found):
      "\(file): tensor '\(tensor)' needs \(expected) bytes for its dtype and shape, but its data holds \(found)"
    case .externalDataOutsideFolder(let file, let tensor, let location):
      "\(file): tensor '\(tensor)' keeps its data at '\(location)', outside the model's folder; external data must be a relative path inside that folder"
    case .externalDataOutOfRange(let file, let tensor, let location, let offset, let length, let fileSize):
      "\(file): tensor '\(tensor)' reads bytes \(offset)..<\(offset + length) of '\(location)', which has only \(fileSize) bytes"
    case .externalDataUnreadable(let file, let tensor, let location, let reason):
      "\(file): tensor '\(tensor)' keeps its data in '\(location)', which cannot be read: \(reason)"
    case .shapeInference(let file, let problem):
      "\(file): shape inference failed: \(problem)"
    case .newerThanLibONNX(let file, let problem):
      "\(file): cannot run libonnx on it: \(problem)"
    case .outputExists(let file):
      "\(file) already exists; pass --force to overwrite it"
    case .writeFailed(let file, let reason):
      "\(file): cannot write: \(reason)"
    case .truncated(let file, let member, let what, let expected, let found):
      "\(place(file, member)): truncated: \(what) needs \(expected) bytes, found \(found)"
    case .npyBadMagic(let file, let member, let found):
      "\(place(file, member)): not an .npy file: expected magic \\x93NUMPY, found '\(printable(found))'"
    case .npyBadHeader(let file, let member, let reason):
      "\(place(file, member)): bad .npy header: \(reason)"
    case .npyUnsupportedDType(let file, let member, let descr):
      "\(place(file, member)): unsupported dtype '\(descr)'; expected one of "
        + "float16/32/64, int8/16/32/64, uint8/16/32/64 or bool (|b1), little or big endian"
    case .npyDataLength(let file, let member, let shape, let descr, let expected, let found):
      "\(place(file, member)): shape \(shape) of '\(descr)' needs \(expected) data bytes, "
        + "found \(found)"
    case .npyUnwritableDType(let file, let key, let dtype):
      "\(place(file, key)): a \(dtype.name) tensor cannot be stored in .npy; expected "
        + "float16/32/64, an integer type or bool"
    case .npzCorrupt(let file, let member, let reason):
      "\(place(file, member)): corrupt .npz (zip) archive: \(reason)"
    case .npzMissingKey(let file, let key, let available):
      "\(file): no array '\(key)'; the archive holds \(available.count): "
        + (available.count > 20 ? available.prefix(20) + ["…"] : available[...]).joined(separator: ", ")
    case .npzDuplicateKey(let file, let key):
      "\(file): array '\(key)' was already added"
    case .corruptZip(let file, let reason):
      "\(file): not a readable zip archive: \(reason)"
    case .missingZipMember(let file, let member):
      "\(file): the archive has no member '\(member)'"
    case .notHDF5(let file):
      "\(file): not an HDF5 file (HDF5 could not open it)"
    case .corruptHDF5(let file, let problem):
      "\(file): a corrupt HDF5 file: \(problem)"
    case .missingHDF5Object(let file, let path):
      "\(file): no HDF5 object or attribute '\(path)'"
    case .unreadableHDF5Object(let file, let path, let expected, let found):
      "\(file): '\(path)' should be \(expected), found \(found)"
    }
  }
}

/// `file` or `file[member]`.
private func place(_ file: String, _ member: String?) -> String {
  member.map { "\(file)[\($0)]" } ?? file
}

/// Bytes as text, non-printable ones as `\xNN`.
private func printable(_ bytes: [UInt8]) -> String {
  let digits = Array("0123456789abcdef")
  return bytes.map { b in
    b >= 0x20 && b < 0x7f ? String(UnicodeScalar(b)) : "\\x" + String([digits[Int(b >> 4)], digits[Int(b & 15)]])
  }.joined()
}
