import Foundation
import XCTest

/// Runs `python3 scripts/<script> <arguments>` from the package root (the maintenance scripts
/// need only Python's standard library). Without python3 on PATH it says so on standard error
/// and throws `XCTSkip`.
public func runRepositoryScript(_ script: String, _ arguments: [String]) throws -> ProcessResult {
  guard let python = executablesOnPath("python3").first else {
    FileHandle.standardError.write(Data("SKIPPED: python3 is not on PATH; scripts/\(script) did not run\n".utf8))
    throw XCTSkip("SKIPPED: python3 is not on PATH; scripts/\(script) did not run")
  }
  let path = packageRoot.appendingPathComponent("scripts/\(script)").path
  return try runProcess(python, [path] + arguments, directory: packageRoot)
}
