import Foundation
import TestSupport

/// pipelines/study-small.yaml copied into `folder` with its output under `folder/out`; with
/// `absolutePaths`, golden/ is named by its absolute path too (for runs in another working folder,
/// such as Slurm's).
func studySmallCopy(in folder: URL, absolutePaths: Bool = false) throws -> URL {
  let text = try String(contentsOf: packageRoot.appendingPathComponent("pipelines/study-small.yaml"), encoding: .utf8)
  let pipeline = folder.appendingPathComponent("study-small.yaml")
  let copy = text.replacingOccurrences(of: "output: out/study-small", with: "output: \(folder.path)/out")
  try (absolutePaths ? copy.replacingOccurrences(of: "golden/", with: packageRoot.appendingPathComponent("golden").path + "/") : copy)
    .write(to: pipeline, atomically: true, encoding: .utf8)
  return pipeline
}
