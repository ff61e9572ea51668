import Foundation

/// Where the Python helpers live: the venv's interpreter and the `converters/` folder that holds
/// the `deltann_converters` package.
public struct HelperSetup: Sendable, Equatable {
  public var venv: URL
  public var converters: URL

  public var python: URL { venv.appendingPathComponent("bin/python") }

  public init(venv: URL, converters: URL) {
    self.venv = venv
    self.converters = converters
  }

  /// Finds the helpers: the repository is `root`, else `$DELTANN_ROOT`, else the first folder
  /// holding `converters/deltann_converters` above the current directory, else above the running
  /// executable (`.build/debug/deltann` sits inside its checkout); the venv is `$DELTANN_VENV`,
  /// else `<repository>/.venv`. Checks both exist.
  public static func locate(root: URL? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(BackendError) -> HelperSetup
  {
    let repository = root ?? environment["DELTANN_ROOT"].map { URL(fileURLWithPath: $0) }
      ?? searchUpward(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      ?? Bundle.main.executableURL.flatMap { searchUpward(from: $0.deletingLastPathComponent()) }
    let venv = environment["DELTANN_VENV"].map { URL(fileURLWithPath: $0) }
      ?? repository?.appendingPathComponent(".venv")
    guard let venv else {
      throw .helperNotSetUp(venv: ".venv", reason: "DELTANN_VENV is unset and no DeltaNN checkout was "
        + "found above \(FileManager.default.currentDirectoryPath)")
    }
    let python = venv.appendingPathComponent("bin/python")
    guard FileManager.default.isExecutableFile(atPath: python.path) else {
      throw .helperNotSetUp(venv: venv.path, reason: "no Python interpreter at \(python.path)")
    }
    let converters = repository?.appendingPathComponent("converters")
    guard let converters,
          FileManager.default.fileExists(atPath: converters.appendingPathComponent("deltann_converters/__main__.py").path)
    else {
      throw .helperNotSetUp(venv: venv.path, reason: "the helper package converters/deltann_converters "
        + "was not found (run from a DeltaNN checkout or set DELTANN_ROOT)")
    }
    let setup = HelperSetup(venv: venv, converters: converters)
    return setup
  }

  private static func searchUpward(from start: URL) -> URL? {
    var url = start.standardizedFileURL
    while true {
      let marker = url.appendingPathComponent("converters/deltann_converters")
      if FileManager.default.fileExists(atPath: marker.path) { return url }
      guard url.path != "/" else { return nil }
      url.deleteLastPathComponent()
    }
  }
}
