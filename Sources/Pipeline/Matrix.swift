/// One combination of matrix values: the unit a shard runs.
public struct Cell: Sendable, Hashable, Codable {
  public var values: [String: String]

  /// `model=resnet_mini,opt=3`, or empty for a pipeline without a matrix.
  public var name: String {
    values.keys.sorted().map { "\($0)=\(values[$0] ?? "")" }.joined(separator: ",")
  }

  /// A folder-safe form of `name`.
  public var folder: String {
    name.isEmpty ? "all" : String(name.map { $0.isLetter || $0.isNumber || "-_.=".contains($0) ? $0 : "_" })
  }

  /// Replaces every `${key}` in `text` by this cell's value, and `${out}` by `output`.
  func substitute(_ text: String, output: String) -> String {
    text.replacingOccurrences(of: "${out}", with: output).substituting(values)
  }
}

extension String {
  /// This text with every `${name}` of `values` replaced by its value.
  func substituting(_ values: [String: String]) -> String {
    values.reduce(self) { $0.replacingOccurrences(of: "${\($1.key)}", with: $1.value) }
  }
}

extension PipelineSpec {
  /// Every cell of the matrix in a stable order (keys sorted, values in file order).
  public var cells: [Cell] {
    guard let matrix, !matrix.isEmpty else { return [Cell(values: [:])] }
    var cells = [Cell(values: [:])]
    for key in matrix.keys.sorted() {
      cells = cells.flatMap { cell in
        (matrix[key] ?? []).map { v in Cell(values: cell.values.merging([key: v]) { _, new in new }) }
      }
    }
    return cells
  }
}

/// A slice of the cells: `index` of `count`, taking every `count`-th cell from `index`.
public struct Shard: Sendable, Hashable {
  public var index: Int
  public var count: Int

  public static let all = Shard(index: 0, count: 1)

  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  public init(parsing text: String) throws(PipelineError) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n > 0, (0..<n).contains(i) else {
      throw .shard(text)
    }
    self.init(index: i, count: n)
  }

  public func select(_ cells: [Cell]) -> [Cell] {
    cells.enumerated().filter { $0.offset % count == index }.map(\.element)
  }
}
