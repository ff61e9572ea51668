import Foundation

/// Progress for long work: a redrawn bar on a terminal, plain lines otherwise (logs, CI).
struct ProgressLine {
  let label: String
  private let isTTY = isatty(STDERR_FILENO) != 0

  init(_ label: String) { self.label = label }

  func update(_ done: Int, _ total: Int) {
    guard total > 0 else { return }
    if isTTY {
      let width = 30, filled = done * width / total
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)\(done == total ? "\n" : "")".utf8))
    } else {
      FileHandle.standardError.write(Data("\(label): \(done)/\(total)\n".utf8))
    }
  }
}
