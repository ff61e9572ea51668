import Foundation
import ModelGraph

/// `w[n] = 0.42 − 0.5·cos(2πn / N) + 0.08·cos(4πn / N)`.
struct BlackmanWindow: WindowKernel {
  static let key = OpKey("BlackmanWindow", since: 17)
  let periodic: Bool, dtype: DType
  func value(_ n: Double, _ N: Double) -> Double { 0.42 - 0.5 * cos(2 * Double.pi * n / N) + 0.08 * cos(4 * Double.pi * n / N) }
}
