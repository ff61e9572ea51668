import Foundation
import ModelFormats
import ModelGraph

/// A `.pt2` archive opened for reading, with members addressed relative to its top folder.
///
/// `torch.export.save` writes every member uncompressed under one top folder named after the
/// archive (`resnet101/models/model.json`); `ZipArchive` hands stored members out as views of
/// the mapped file, so weights become tensors without a copy.
struct PT2Archive {
  let file: String
  private let zip: ZipArchive
  /// The top folder with its trailing slash (`resnet101/`), or `""` for a flat archive.
  let root: String

  init(path: String) throws(ImportError) {
    do {
      zip = try ZipArchive(url: URL(fileURLWithPath: path))
    } catch .unreadable(_, let reason) {
      throw .unreadableFile(file: path, reason: reason)
    } catch {
      throw .notAnArchive(file: path, reason: "not a zip archive (\(error))")
    }
    file = path
    let models = zip.memberNames.filter { $0 == "models/model.json" || $0.hasSuffix("/models/model.json") }
    guard let model = models.min(by: { $0.count < $1.count }) else {
      throw .missingMember(file: path, member: "<top folder>/models/model.json")
    }
    root = String(model.dropLast("models/model.json".count))
  }

  func contains(_ member: String) -> Bool { zip.contains(root + member) }

  /// The member's bytes as tensor storage: a view of the mapped file when stored, else a copy.
  func storage(_ member: String) throws(ImportError) -> ByteStorage {
    do { return try zip.storage(of: root + member) } catch { throw wrap(error, member) }
  }

  /// The member's bytes, copied (for the small JSON members).
  func data(_ member: String) throws(ImportError) -> Data {
    do { return try zip.data(of: root + member) } catch { throw wrap(error, member) }
  }

  func json(_ member: String) throws(ImportError) -> JSONCursor {
    try JSONCursor.parse(try data(member), file: file, member: root + member)
  }

  private func wrap(_ error: FormatError, _ member: String) -> ImportError {
    if case .missingZipMember = error { return .missingMember(file: file, member: root + member) }
    return .unreadableMember(file: file, member: root + member, reason: "\(error)")
  }
}
