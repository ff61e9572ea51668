import Foundation

/// The package root (the folder holding Package.swift), found from this source file.
public let packageRoot: URL = {
  var url = URL(fileURLWithPath: #filePath)
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
      return url
    }
  }
  preconditionFailure("Package.swift not found above \(#filePath)")
}()

/// The `deltann` executable built next to the test bundle.
public var deltannExecutable: URL {
  // On Linux the test bundle's URL is the build folder itself; on macOS it is the .xctest inside it.
  let bundle = Bundle(for: BundleMarker.self).bundleURL
  let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("deltann") }
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
}

private final class BundleMarker {}

public struct ProcessResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

/// Runs the built `deltann` with `arguments` and collects its exit status and output.
public func runDeltaNN(_ arguments: [String], in directory: URL? = nil) throws -> ProcessResult {
  let process = Process()
  process.executableURL = deltannExecutable
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  let out = Pipe(), err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Read before waiting so a large output cannot fill the pipe and block the child.
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  let stderr = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return ProcessResult(
    status: process.terminationStatus,
    stdout: String(decoding: stdout, as: UTF8.self),
    stderr: String(decoding: stderr, as: UTF8.self))
}
