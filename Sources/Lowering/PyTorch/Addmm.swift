import ModelGraph

/// `addmm(self, mat1, mat2, beta, alpha)`: `beta·self + alpha·(mat1·mat2)` → `Gemm`;
/// `mm(self, mat2)` and `matmul(self, other)` (numpy semantics, as ONNX's) → `MatMul`.
enum Addmm {
  static func addmm(_ e: inout ATenEmitter) throws(LoweringError) {
    e.finish("Gemm", [e.input(1), e.input(2), e.input(0)], [
      "alpha": .float(Float(try e.number("alpha"))),
      "beta": .float(Float(try e.number("beta"))),
    ])
  }

  static func mm(_ e: inout ATenEmitter) throws(LoweringError) {
    e.finish("MatMul", [e.input(0), e.input(1)])
  }
}
