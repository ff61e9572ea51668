import CKernels
import Foundation

/// The instruction-set level the interpreter's vector kernels run at: `avx512`, `avx2` (with
/// FMA) or `neon`, or `portable` (Swift loops and OpenBLAS, no hand-written kernels).
///
/// ```swift
/// let interpreter = try Interpreter(model: model, isa: .avx2)   // force a level this CPU has
/// KernelISA.supported   // [.portable, .avx2, .avx512] on an AVX-512 x86-64 machine
/// ```
/// By default the widest level the CPU runs is picked once; the `DELTANN_ISA` environment
/// variable overrides it (tests and benchmarks). Levels compute every element's sums in the same
/// order, so they agree with each other (in practice bit for bit) and with `portable` within
/// float tolerance (OpenBLAS orders its sums its own way).
public enum KernelISA: String, CaseIterable, Sendable, CustomStringConvertible {
  case portable, avx2, avx512, neon

  /// Every level this build and this CPU can run, `portable` first.
  public static let supported: [KernelISA] = allCases.filter { $0 == .portable || $0.kernels != nil }

  /// The widest level this CPU runs.
  public static let best = KernelISA(dn_best_isa())

  /// What `DELTANN_ISA` asks for, or `best` when it is unset or empty.
  public static func preferred(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(RuntimeError) -> KernelISA
  {
    guard let name = environment["DELTANN_ISA"], !name.isEmpty else { return best }
    guard let isa = KernelISA(rawValue: name.lowercased()), supported.contains(isa) else {
      throw .unsupportedISA(name, supported: supported.map(\.rawValue))
    }
    return isa
  }

  public var description: String { rawValue }

  /// This level's kernel set, or `nil` for `portable` and for levels this CPU lacks.
  var kernels: UnsafePointer<dn_kernel_set>? {
    switch self {
    case .portable: nil
    case .avx2: dn_kernel_set_for(DN_ISA_AVX2)
    case .avx512: dn_kernel_set_for(DN_ISA_AVX512)
    case .neon: dn_kernel_set_for(DN_ISA_NEON)
    }
  }

  init(_ isa: dn_isa) {
    switch isa {
    case DN_ISA_AVX2: self = .avx2
    case DN_ISA_AVX512: self = .avx512
    case DN_ISA_NEON: self = .neon
    default: self = .portable
    }
  }
}
