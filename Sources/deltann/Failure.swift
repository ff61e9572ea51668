import Foundation

/// Prints `error` as one line on standard error and returns the exit code for user errors.
func reportFailure(_ error: any Error) -> Int32 {
  FileHandle.standardError.write(Data("deltann: error: \(error)\n".utf8))
  return 2
}

