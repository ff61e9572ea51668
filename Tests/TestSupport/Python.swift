import Foundation

/// A Python interpreter that imports numpy: /work/venv's, the repository's .venv, or python3 on
/// PATH; `nil` when none does (tests then skip loudly).
public func pythonWithNumpy() -> URL? {
  let env = ProcessInfo.processInfo.environment
  var candidates = [env["DELTANN_VENV"], packageRoot.appendingPathComponent(".venv").path, "/work/venv"]
    .compactMap { $0 }.map { URL(fileURLWithPath: $0).appendingPathComponent("bin/python") }
  candidates += (env["PATH"] ?? "").split(separator: ":").map {
    URL(fileURLWithPath: String($0)).appendingPathComponent("python3")
  }
  return candidates.first { url in
    FileManager.default.isExecutableFile(atPath: url.path)
      && (try? runProcess(url, ["-c", "import numpy"]).status) == 0
  }
}

/// Runs `executable` with `arguments` and collects its status and output.
public func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil)
  throws -> ProcessResult
{
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  if let environment { process.environment = environment }
  let out = Pipe(), err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  let stderr = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return ProcessResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
}
