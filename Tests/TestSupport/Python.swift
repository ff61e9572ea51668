import Foundation

/// A Python interpreter that imports numpy: `DELTANN_VENV`'s, the repository's .venv, or python3
/// on PATH; `nil` when none does (tests then skip loudly).
public func pythonWithNumpy() -> URL? {
  let env = ProcessInfo.processInfo.environment
  let venvs = [env["DELTANN_VENV"], packageRoot.appendingPathComponent(".venv").path]
    .compactMap { $0 }.map { URL(fileURLWithPath: $0).appendingPathComponent("bin/python") }
  return (venvs + executablesOnPath("python3")).first { url in
    FileManager.default.isExecutableFile(atPath: url.path)
      && (try? runProcess(url, ["-c", "import numpy"]).status) == 0
  }
}

/// The helpers' Python (`DELTANN_VENV`'s, else the repository's .venv) when it imports `module`,
/// as the framework helpers need it; `nil` otherwise (tests then skip loudly). Unlike
/// `pythonWithNumpy`, python3 on PATH does not count: the helpers run only in their venv.
public func helperPython(importing module: String) -> URL? {
  let env = ProcessInfo.processInfo.environment
  let venv = env["DELTANN_VENV"].map { URL(fileURLWithPath: $0) } ?? packageRoot.appendingPathComponent(".venv")
  let python = venv.appendingPathComponent("bin/python")
  guard FileManager.default.isExecutableFile(atPath: python.path),
        (try? runProcess(python, ["-c", "import \(module)"]).status) == 0 else { return nil }
  return python
}

/// Every executable called `name` in the folders of PATH, in PATH's order.
public func executablesOnPath(_ name: String) -> [URL] {
  (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
    .filter { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// Runs `executable` with `arguments` and collects its status and output. Standard error is
/// drained on another thread so a chatty child cannot fill a pipe and block.
public func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                       directory: URL? = nil) throws -> ProcessResult {
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  if let environment { process.environment = environment }
  if let directory { process.currentDirectoryURL = directory }
  let out = Pipe(), err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let stderrData = DrainedPipe(err)
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return ProcessResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderrData.wait(), as: UTF8.self))
}

/// Reads a pipe to its end on a background thread.
private final class DrainedPipe: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ pipe: Pipe) {
    Thread.detachNewThread { [self] in
      data = pipe.fileHandleForReading.readDataToEndOfFile()
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
