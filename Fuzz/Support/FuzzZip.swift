// Shared by the harnesses that fuzz one member of an archive: writes stored members to a zip.
import Foundation
@testable import ModelFormats

enum FuzzZip {
  /// Writes `members` (stored, in name order) as a zip file at `url`.
  static func write(_ members: [String: Data], to url: URL) throws(FormatError) {
    var zip = ZipStreamWriter(), out = Data()
    let sink: ZipStreamWriter.Sink = { parts in for part in parts { out.append(contentsOf: part) } }
    for (name, data) in members.sorted(by: { $0.key < $1.key }) {
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 8)
      defer { buffer.deallocate() }
      data.copyBytes(to: buffer.bindMemory(to: UInt8.self))
      try zip.add(name: name, parts: [UnsafeRawBufferPointer(buffer)], deflated: false, sink: sink) {
        .unreadable(file: url.path, reason: "deflate")
      }
    }
    try zip.finish(sink: sink)
    guard (try? out.write(to: url)) != nil else { throw .unreadable(file: url.path, reason: "cannot write") }
  }
}
