import Foundation

/// Progress of long work on standard error: on a terminal one line redrawn in place, otherwise
/// plain lines (logs, CI). Counted work (`update`) draws a bar, with the time left and what runs
/// now when given; named stages (`stage`) are timed; `line` prints a line of output without
/// tearing the bar.
///
/// ```swift
/// let progress = ProgressDisplay()
/// progress.update("diff", 3, 10)     // diff [█████████·····················] 3/10
/// progress.update("cells", 1, 4, now: "model=resnet · tvm-O3", secondsLeft: 95)
///                                    // cells [███████·······] 1/4 · 1 min 35 s left · model=resnet · tvm-O3
/// progress.stage("lowering")         // … lowering   (then "lowering (0.42 s)")
/// progress.end()
/// ```
final class ProgressDisplay {
  private let isTTY = isatty(STDERR_FILENO) != 0
  private var current: (name: String, started: Date)?
  /// The bar on screen (terminal only), redrawn after a `line`.
  private var bar = ""

  /// `done` of `total` items of `label`; the line ends when `done` reaches `total`.
  func update(_ label: String, _ done: Int, _ total: Int) { update(label, done, total, now: "", secondsLeft: nil) }

  /// `update` with what runs now and the estimated time left.
  func update(_ label: String, _ done: Int, _ total: Int, now: String, secondsLeft: Double?) {
    guard total > 0 else { return }
    let left = secondsLeft.map { " · \(Self.duration($0)) left" } ?? ""
    let doing = now.isEmpty || done == total ? "" : " · \(now)"
    if isTTY {
      let width = 30, filled = min(done, total) * width / total
      let blocks = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      bar = done == total ? "" : "\(label) [\(blocks)] \(done)/\(total)\(left)\(doing)"
      write("\u{1B}[2K\r\(label) [\(blocks)] \(done)/\(total)\(left)\(doing)\(done == total ? "\n" : "")")
    } else {
      write("\(label): \(done)/\(total)\(left)\(doing)\n")
    }
  }

  /// Prints `text` on standard output, clearing and then redrawing the bar on a terminal.
  func line(_ text: String) {
    if isTTY, !bar.isEmpty { write("\u{1B}[2K\r") }
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
    if isTTY, !bar.isEmpty { write(bar) }
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

  /// `42 s`, `3 min 5 s`, `1 h 4 min`.
  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s < 60 ? "\(s) s" : s < 3600 ? "\(s / 60) min \(s % 60) s" : "\(s / 3600) h \(s % 3600 / 60) min"
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
