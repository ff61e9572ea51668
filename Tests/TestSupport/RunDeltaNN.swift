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
  try runProcess(deltannExecutable, arguments, directory: directory)
}
