/// Immutable bytes shared by tensors without copying.
///
/// Either owns a heap allocation, or is a read-only view into memory kept alive by `owner`
/// (a memory-mapped file in `ModelFormats`). A class because it owns raw memory.
public final class ByteStorage: @unchecked Sendable {
  public let bytes: UnsafeRawBufferPointer
  private let owner: AnyObject?
  private let ownsAllocation: Bool
  /// For views of a read-only file mapping: tells the kernel resident pages of a range may go
  /// (they are read back from the file if touched again).
  private let pageRelease: (@Sendable (UnsafeRawBufferPointer) -> Void)?

  /// Allocates `count` bytes and lets `initialize` fill them.
  public init(count: Int, initialize: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 64)
    let used = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
    do { try initialize(used) } catch { buffer.deallocate(); throw error }
    bytes = UnsafeRawBufferPointer(used)
    owner = nil
    ownsAllocation = true
    pageRelease = nil
  }

  public convenience init(copying source: UnsafeRawBufferPointer) {
    self.init(count: source.count) { $0.copyMemory(from: source) }
  }

  public convenience init(_ array: [UInt8]) {
    self.init(count: array.count) { dst in array.withUnsafeBytes { dst.copyMemory(from: $0) } }
  }

  /// A view of memory that `owner` keeps valid for as long as this storage lives.
  public init(viewing memory: UnsafeRawBufferPointer, owner: AnyObject) {
    bytes = memory
    self.owner = owner
    ownsAllocation = false
    pageRelease = nil
  }

  /// A view of a read-only file mapping that `owner` keeps valid; `releasePages` lets the
  /// kernel drop resident pages of a byte range that will not be read again soon.
  public init(
    viewingMapped memory: UnsafeRawBufferPointer, owner: AnyObject,
    releasePages: @escaping @Sendable (UnsafeRawBufferPointer) -> Void
  ) {
    bytes = memory
    self.owner = owner
    ownsAllocation = false
    pageRelease = releasePages
  }

  /// Lets resident memory of `range` go when the bytes are a file mapping; otherwise nothing.
  public func releasePages(_ range: Range<Int>) {
    guard let pageRelease, !range.isEmpty, range.upperBound <= bytes.count else { return }
    pageRelease(UnsafeRawBufferPointer(rebasing: bytes[range]))
  }

  /// True when the bytes live in someone else's memory (for example a mapped file).
  public var isView: Bool { !ownsAllocation }

  deinit {
    if ownsAllocation, let base = bytes.baseAddress {
      UnsafeMutableRawPointer(mutating: base).deallocate()
    }
  }
}
