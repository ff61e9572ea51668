import Foundation
import ModelGraph

/// `w[n] = sin²(πn / N)`.
struct HannWindow: WindowKernel {
  static let key = OpKey("HannWindow", since: 17)
  let periodic: Bool, dtype: DType
  func value(_ n: Double, _ N: Double) -> Double { pow(sin(Double.pi * n / N), 2) }
}
