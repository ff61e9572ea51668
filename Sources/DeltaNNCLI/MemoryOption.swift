import ArgumentParser
import DeltaNN

/// `--max-memory`, for the commands that capture every layer (`run`, `localize`): the most
/// activation bytes a run may hold at once; beyond it the run stops with a typed error.
struct MemoryOption: ParsableArguments {
  @Option(name: .customLong("max-memory"),
          help: "Most memory for activations, in bytes or with K, M, G (default: half the physical memory, \(MemoryOption.defaultBytes >> 20)M).")
  var maxMemory: MemorySize?

  static var defaultBytes: Int { SizeLimits.memoryBytes / 2 }
  var bytes: Int { maxMemory?.bytes ?? Self.defaultBytes }
}

/// A byte count written as `1073741824`, `512M` or `4G` (powers of 1024).
struct MemorySize: ExpressibleByArgument {
  let bytes: Int

  init?(argument: String) {
    let units: [Character: Int] = ["K": 10, "M": 20, "G": 30, "T": 40]
    var digits = argument.uppercased()
    if digits.hasSuffix("B") { digits.removeLast() }
    let shift = digits.last.flatMap { units[$0] } ?? 0
    if shift > 0 { digits.removeLast() }
    guard let value = Int(digits), value > 0, value <= Int.max >> shift else { return nil }
    bytes = value << shift
  }
}
