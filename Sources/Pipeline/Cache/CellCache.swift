import Foundation
import ModelFormats

/// Finished cells of a pipeline, stored under the content hash of their inputs in
/// `<output>/.cache/<hash>.json`, so that a re-run (or a run killed and started again) skips
/// them. A cell is stored only once all its steps ran and none failed, through a temporary file
/// and a rename: a killed run leaves either a whole entry or none. An entry is trusted only when
/// it decodes and every file it made still has the content it had when it was made.
struct CellCache {
  /// Changes whenever what a step computes changes without its inputs changing.
  static let version = "deltann.cell-cache/1"

  var folder: URL

  /// A stored cell: its result and the content hash of each output it made.
  struct Entry: Codable {
    var key: String
    var result: PipelineRun.CellResult
    var outputs: [String: String]
  }

  /// The hash of everything a cell's result depends on: the cache version, the program that
  /// computes it, the frameworks' versions (for steps that run models in them), the cell, every
  /// step's kind and arguments, and the bytes of every input file that exists before the cell
  /// runs (files made by earlier steps follow from those).
  static func key(for cell: Cell, steps: [PipelineSpec.Step], output: URL) -> String {
    var hash = ContentHash()
    hash.combine(version)
    hash.combine(programIdentity)
    hash.combine(cell.name)
    var produced = Set<String>()
    // The frameworks' versions matter to the steps that run models in them.
    if steps.contains(where: { [RunStep.kind, BenchStep.kind].contains($0.step) }) { hash.combine(Environment.helperVersions) }
    for step in steps {
      hash.combine(step.step)
      hash.combine(step.id)
      let parameters = StepRegistry.step(step.step)?.parameters ?? []
      for name in step.with.keys.sorted() {
        let value = cell.substitute(step.with[name] ?? "", output: output.path)
        hash.combine(name)
        hash.combine(value)
        let parameter = parameters.first { $0.name == name }
        if parameter?.isOutput == true { produced.insert(value) }
        for path in parameter?.inputPaths(value) ?? [] where !produced.contains(path) {
          hash.combine(hash.combine(contentsOf: URL(fileURLWithPath: path)) ? 1 : 0)
        }
      }
    }
    return hash.hex
  }

  /// The running executable's content hash: a tool rebuilt with other code recomputes every
  /// cell, while one only copied, moved or touched keeps its finished cells.
  static let programIdentity: String = {
    let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
    var hash = ContentHash()
    return hash.combine(contentsOf: URL(fileURLWithPath: path)) ? hash.hex : "unreadable program \(path)"
  }()

  func lookup(_ key: String) -> PipelineRun.CellResult? {
    guard let data = try? Data(contentsOf: url(key)), let entry = try? JSONDecoder().decode(Entry.self, from: data),
          entry.key == key else { return nil }
    for (path, digest) in entry.outputs {
      var hash = ContentHash()
      guard hash.combine(contentsOf: URL(fileURLWithPath: path)), hash.hex == digest else { return nil }
    }
    return entry.result
  }

  /// Stores a finished cell; a cell with a failed step is not stored, so it runs again.
  func store(_ result: PipelineRun.CellResult, key: String) throws {
    guard !result.failed else { return }
    var outputs: [String: String] = [:]
    for path in result.steps.flatMap(\.outputs) {
      var hash = ContentHash()
      if hash.combine(contentsOf: URL(fileURLWithPath: path)) { outputs[path] = hash.hex }
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let data = try JSONEncoder().encode(Entry(key: key, result: result, outputs: outputs))
    // An entry already there was not trusted (damaged, or its outputs changed) or is being
    // recomputed: remove it first, so that the write is a plain rename onto a free name.
    if FileManager.default.fileExists(atPath: url(key).path) { try FileManager.default.removeItem(at: url(key)) }
    try StagedFile.write(data, to: url(key), force: false)
  }

  private func url(_ key: String) -> URL { folder.appendingPathComponent("\(key).json") }
}
