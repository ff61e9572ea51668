import ModelGraph

/// `linear(input, weight, bias?)`: `y = x·Wᵀ + b`. A 2-D input → `Gemm` with `transB`;
/// otherwise `MatMul` with the transposed weight, then `Add`.
enum Linear {
  static func lower(_ e: inout ATenEmitter) throws(LoweringError) {
    let x = e.input(0), w = e.input(1), b = e.input(2)
    if try e.rank(x) == 2 {
      return e.finish("Gemm", b.isEmpty ? [x, w] : [x, w, b], ["transB": .int(1)])
    }
    let wt = e.emit("Transpose", [w], ["perm": .ints([1, 0])])
    if b.isEmpty { return e.finish("MatMul", [x, wt]) }
    let product = e.emit("MatMul", [x, wt])
    e.finish("Add", [product, b])
  }
}
