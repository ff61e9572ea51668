// Shared by the harnesses whose reader takes a path: the input written to a per-process file.
import Foundation

enum FuzzFile {
  /// Writes the fuzzer's bytes to `deltann-fuzz-<pid>.<ext>` in the temporary folder; `nil`
  /// when that fails (the input is then skipped).
  static func write(_ data: UnsafePointer<UInt8>, _ size: Int, ext: String) -> URL? {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("deltann-fuzz-\(getpid()).\(ext)")
    return FileManager.default.createFile(atPath: url.path, contents: Data(bytes: data, count: size)) ? url : nil
  }
}
