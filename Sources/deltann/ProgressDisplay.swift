import Foundation

/// Progress of long work on standard error: on a terminal one line redrawn in place, otherwise
/// plain lines (logs, CI). Counted work (`update`) draws a bar; named stages (`stage`) are timed.
///
/// ```swift
/// let progress = ProgressDisplay()
/// progress.update("diff", 3, 10)     // diff [█████████·····················] 3/10
/// progress.stage("lowering")         // … lowering   (then "lowering (0.42 s)")
/// progress.end()
/// ```
final class ProgressDisplay {
  private let isTTY = isatty(STDERR_FILENO) != 0
  private var current: (name: String, started: Date)?

  /// `done` of `total` items of `label`; the line ends when `done` reaches `total`.
  func update(_ label: String, _ done: Int, _ total: Int) {
    guard total > 0 else { return }
    if isTTY {
      let width = 30, filled = min(done, total) * width / total
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      write("\r\(label) [\(bar)] \(done)/\(total)\(done == total ? "\n" : "")")
    } else {
      write("\(label): \(done)/\(total)\n")
    }
  }

  /// Starts the stage `name`, closing the previous one with its duration.
  func stage(_ name: String) {
    end()
    current = (name, Date())
    if isTTY { write("\u{1B}[2K\r… \(name)") }
  }

  /// Closes the current stage, if any, with its duration.
  func end() {
    guard let current else { return }
    let line = "\(current.name) (\(String(format: "%.2f", Date().timeIntervalSince(current.started))) s)"
    write((isTTY ? "\u{1B}[2K\r" : "") + line + "\n")
    self.current = nil
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
