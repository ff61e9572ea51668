import Foundation
import ModelGraph

/// A content hash of texts and files: two 64-bit FNV-1a streams with different offsets, as 32
/// hex digits. A cache key, not a signature: it guards against stale results, not against an
/// adversary.
struct ContentHash {
  private var a = FNV1a(), b = FNV1a()

  init() { b.combine(0x9E37_79B9_7F4A_7C15) }

  mutating func combine(_ text: String) {
    combine(UInt64(text.utf8.count))
    var copy = text
    copy.withUTF8 { bytes in
      a.combine(UnsafeRawBufferPointer(bytes))
      b.combine(UnsafeRawBufferPointer(bytes))
    }
  }

  mutating func combine(_ word: UInt64) {
    a.combine(word)
    b.combine(word)
  }

  /// The bytes of a file, or of every file under a folder with its relative path; `false`
  /// when `url` is neither.
  mutating func combine(contentsOf url: URL) -> Bool {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return false }
    guard isFolder.boolValue else { return combine(file: url) }
    let base = url.standardizedFileURL.path
    let files = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []).sorted()
    for relative in files {
      var isSub: ObjCBool = false
      let path = base + "/" + relative
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isSub), !isSub.boolValue else { continue }
      combine(relative)
      _ = combine(file: URL(fileURLWithPath: path))
    }
    return true
  }

  private mutating func combine(file url: URL) -> Bool {
    guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return false }
    combine(UInt64(data.count))
    data.withUnsafeBytes { bytes in
      a.combine(bytes)
      b.combine(bytes)
    }
    return true
  }

  var hex: String {
    [a.value, b.value].map { String(repeating: "0", count: 16 - String($0, radix: 16).count) + String($0, radix: 16) }.joined()
  }
}
