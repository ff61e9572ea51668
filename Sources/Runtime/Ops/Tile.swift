import ModelGraph

/// `X` repeated `repeats[i]` times along each axis `i`.
struct Tile: Kernel, AttributeFree {
  static let key = OpKey("Tile", since: 6)
  static let arity: ClosedRange<Int> = 2...2

  func run(_ inputs: [Tensor?], context: KernelContext) throws(RuntimeError) -> [Tensor] {
    let x = try inputs.required(0)
    let repeats = try inputs.requiredInts(1)
    guard repeats.count == x.rank, Layout.count(x.shape.indices.flatMap { [repeats[$0], x.shape[$0]] }) != nil else {
      throw .shape(input: 1, expected: "\(x.rank) non-negative repeats", found: repeats)
    }
    // View [r₀, d₀, r₁, d₁, …] with stride 0 on each repeat axis, then merge the pairs.
    let strides = Layout.strides(x.shape)
    let tiled = x.strided(shape: x.shape.indices.flatMap { [repeats[$0], x.shape[$0]] },
                          strides: strides.flatMap { [0, $0] })
    return [tiled.reshaped(x.shape.indices.map { repeats[$0] * x.shape[$0] })]
  }
}
