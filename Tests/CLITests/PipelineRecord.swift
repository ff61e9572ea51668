import Foundation

/// A pipeline result file (pipeline.json) as the CLI tests compare it: everything but running
/// times (a step's seconds, a run step's latency), which differ between any two runs of the same
/// cells.
struct PipelineRecord: Decodable, Equatable {
  struct Cell: Decodable, Equatable {
    var cell: [String: [String: String]]
    var index: Int?
    var steps: [Step]
  }
  /// A step's result without its running times, which differ between any two runs.
  struct Step: Decodable, Equatable {
    var id, step, status, summary: String
    var facts: [String: String]
    var outputs: [String]

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      id = try c.decode(String.self, forKey: .id)
      step = try c.decode(String.self, forKey: .step)
      status = try c.decode(String.self, forKey: .status)
      // verify's summary ends "…; 0.02 s": the seconds it took.
      // A run step's "…; per input 1.234 ms median, …" and its *_ms facts are its latency.
      summary = try c.decode(String.self, forKey: .summary).replacing(/\d+\.\d+ s\b/, with: "(time) s")
        .replacing(/\d+\.\d+(?= (ms|min|p95)\b)/, with: "(time)")
      facts = try c.decode([String: String].self, forKey: .facts).filter { !$0.key.hasSuffix("_ms") }
      outputs = try c.decode([String].self, forKey: .outputs)
    }

    enum CodingKeys: String, CodingKey { case id, step, status, summary, facts, outputs }
  }
  var name, shard: String
  var cells: [Cell]

  init(contentsOf url: URL) throws {
    self = try JSONDecoder().decode(PipelineRecord.self, from: Data(contentsOf: url))
  }
}
