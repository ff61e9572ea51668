import ModelGraph

/// `view`, `reshape`, `_unsafe_view(size)` → `Reshape`. A symbolic size equal to the input's
/// size at the same index becomes `0` (copy); one other symbolic size becomes `-1`.
enum View {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    let x = e.input(0)
    let argument = e.has("size") ? "size" : "shape"
    let sizes: [String]
    if let ints = e.node.attributes[argument]?.ints {
      sizes = ints.map { String($0) }
    } else if case .strings(let s)? = e.node.attributes[argument] {
      sizes = s
    } else {
      throw e.fail(argument, expected: "a list of sizes", found: "\(e.node.attributes[argument].map { "\($0)" } ?? "nothing")")
    }
    let inputDims = (try? e.dims(x)) ?? []
    var shape: [Int] = []
    for (i, s) in sizes.enumerated() {
      if let n = Int(s) {
        shape.append(n)
      } else if i < inputDims.count, inputDims[i] == .symbolic(s) {
        shape.append(0)
      } else if !shape.contains(-1) && !sizes.contains("-1") {
        shape.append(-1)
      } else {
        throw e.fail(argument, expected: "at most one size not known statically", found: "\(sizes)")
      }
    }
    e.finish("Reshape", [x, e.int64s(shape, "shape")])
  }
}
