import Foundation

/// Runs a helper process, relaying its `progress` lines as they arrive and keeping the tail of
/// everything else it prints (stdout and stderr share one pipe, read on the calling thread, so
/// neither can fill up and block the child).
struct HelperProcess {
  var executable: URL
  var arguments: [String]
  var environment: [String: String]
  /// Lines kept for error reports.
  var tailLength = 20

  struct Outcome {
    var status: Int32
    var signaled: Bool
    var tail: [String]
  }

  func run(progress: (RunProgress) -> Void) throws(BackendError) -> Outcome {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch {
      throw .cannotLaunch(executable: executable.path, reason: error.localizedDescription)
    }
    try? pipe.fileHandleForWriting.close()  // keep only the child's copy, so EOF arrives when it exits
    var tail: [String] = []
    var pending = Data()
    func take(_ line: Data) {
      let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      guard !text.isEmpty else { return }
      if let report = RunProgress(line: text[...]) { return progress(report) }
      tail.append(text)
      if tail.count > tailLength { tail.removeFirst(tail.count - tailLength) }
    }
    let reader = pipe.fileHandleForReading
    while true {
      let chunk = reader.availableData
      if chunk.isEmpty { break }
      pending.append(chunk)
      while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        take(pending[pending.startIndex..<newline])
        pending.removeSubrange(pending.startIndex...newline)
      }
    }
    take(pending)
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                   tail: tail)
  }
}
