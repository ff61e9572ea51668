import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// write → read sweeps over every NPY dtype and a range of shapes; a failure names its case.
final class NPYRoundTripTests: XCTestCase {
  static let dtypes: [DType] = [.bool, .float16, .float32, .float64, .int8, .int16, .int32, .int64,
                                .uint8, .uint16, .uint32, .uint64]
  static let shapes: [[Int]] = [[], [0], [1], [7], [2, 3], [2, 0, 3], [3, 1, 4, 2], [1, 1, 1, 1, 5]]

  var directory: URL!

  override func setUpWithError() throws {
    directory = try temporaryFolder()
  }

  /// Seeded bytes for `dtype` (bools are 0/1, as numpy requires).
  static func sample(_ dtype: DType, _ shape: [Int], seed: UInt64) -> Tensor {
    var rng = SplitMix(seed: seed)
    let count = shape.reduce(1, *) * (dtype.byteSize ?? 0)
    let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    return Tensor(dtype: dtype, shape: shape, storage: ByteStorage(dtype == .bool ? bytes.map { $0 & 1 } : bytes))
  }

  static var cases: [(DType, [Int], String)] {
    dtypes.flatMap { d in shapes.map { s in (d, s, "\(d.name) \(s)") } }
  }

  func test_NPY_roundTripsEveryDTypeAndShape() throws {
    for (n, (dtype, shape, label)) in Self.cases.enumerated() {
      let tensor = Self.sample(dtype, shape, seed: UInt64(n))
      let url = directory.appendingPathComponent("\(n).npy")
      try NPY.write(tensor, to: url)
      let back = try NPY.read(contentsOf: url)
      XCTAssertEqual(back, tensor, "case \(label)")
    }
  }

  func test_NPZ_roundTripsStoredAndDeflated() throws {
    for compression in [NPZWriter.Compression.stored, .deflated] {
      let arrays = Self.cases.enumerated().map { n, c in
        (key: "layer\(n % 5)/\(c.2)", tensor: Self.sample(c.0, c.1, seed: UInt64(1000 + n)))
      }
      let url = directory.appendingPathComponent("\(compression).npz")
      try NPZ.write(arrays, to: url, compression: compression)
      let back = try NPZ.read(contentsOf: url)
      XCTAssertEqual(back.map(\.key), arrays.map(\.key), "\(compression)")
      for (a, b) in zip(arrays, back) { XCTAssertEqual(a.tensor, b.tensor, "\(compression) \(a.key)") }
    }
  }

  func test_NPY_largeHeaderUsesVersion2() throws {
    let tensor = Tensor([3.5], shape: Array(repeating: 1, count: 30_000))
    let url = directory.appendingPathComponent("wide.npy")
    try NPY.write(tensor, to: url)
    let bytes = try Data(contentsOf: url)
    XCTAssertEqual(bytes[6], 2)
    XCTAssertEqual(bytes.count % 64, 4, "data starts on a 64-byte boundary")
    XCTAssertEqual(try NPY.read(contentsOf: url), tensor)
  }

  func test_NPZWriter_unfinishedLeavesNothingBehind() throws {
    let url = directory.appendingPathComponent("acts.npz")
    do {
      let writer = try NPZWriter(url: url)
      try writer.add(Tensor([1, 2], shape: [2]), key: "a")
      XCTAssertThrowsError(try writer.add(Tensor([1], shape: [1]), key: "a")) { error in
        guard case FormatError.npzDuplicateKey(_, "a") = error else { return XCTFail("\(error)") }
      }
    }
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
  }

  /// The background queue keeps members in `add` order when the producer must wait for it (each
  /// array larger than the queue's limit waits alone) and when it need not.
  func test_NPZWriter_backgroundQueueKeepsOrderUnderBackpressure() throws {
    for limit in [1024, 64 << 20] {
      let url = directory.appendingPathComponent("queue-\(limit).npz")
      let tensors = (0..<200).map { i in Tensor((0..<(300 + i)).map { Float($0 * 7 + i) }, shape: [300 + i]) }
      let writer = try NPZWriter(url: url, queueLimit: limit)
      for (i, t) in tensors.enumerated() { try writer.add(t, key: "t\(i)") }
      try writer.finish()
      let read = try NPZ.read(contentsOf: url)
      XCTAssertEqual(read.map(\.key), (0..<200).map { "t\($0)" }, "limit \(limit)")
      XCTAssertEqual(read.map(\.tensor), tensors, "limit \(limit)")
    }
  }

  func test_NPY_refusesToOverwriteWithoutForce() throws {
    let npy = directory.appendingPathComponent("x.npy"), npz = directory.appendingPathComponent("x.npz")
    try NPY.write(Tensor([1], shape: [1]), to: npy)
    try NPZ.write([("a", Tensor([1], shape: [1]))], to: npz)
    XCTAssertThrowsError(try NPY.write(Tensor([2], shape: [1]), to: npy)) { error in
      XCTAssertEqual(error as? FormatError, .outputExists(file: npy.path))
    }
    XCTAssertThrowsError(try NPZWriter(url: npz)) { error in
      XCTAssertEqual(error as? FormatError, .outputExists(file: npz.path))
    }
    try NPY.write(Tensor([2], shape: [1]), to: npy, force: true)
    try NPZ.write([("b", Tensor([2], shape: [1]))], to: npz, force: true)
    XCTAssertEqual(try NPY.read(contentsOf: npy).floats(), [2])
    XCTAssertEqual(try NPZReader(contentsOf: npz).keys, ["b"])
  }

  func test_NPY_stringTensorIsUnwritable() {
    let url = directory.appendingPathComponent("s.npy")
    XCTAssertThrowsError(try NPY.write(Tensor(strings: [[65]], shape: [1]), to: url)) { error in
      guard case FormatError.npyUnwritableDType(_, nil, .string) = error else { return XCTFail("\(error)") }
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
  }

  /// numpy reads what we write: every round-trip case's hash as numpy computes it.
  func test_NPZ_numpyReadsWhatWeWrite() throws {
    guard let python = pythonWithNumpy() else {
      throw XCTSkip("SKIPPED: no python3 with numpy on this machine; numpy cross-check not run")
    }
    let arrays = Self.cases.enumerated().map { n, c in (key: c.2, tensor: Self.sample(c.0, c.1, seed: UInt64(n))) }
    for compression in [NPZWriter.Compression.stored, .deflated] {
      let url = directory.appendingPathComponent("\(compression).npz")
      try NPZ.write(arrays, to: url, compression: compression)
      let script = """
        import hashlib, json, sys, numpy as np
        with np.load(sys.argv[1], allow_pickle=False) as z:
            print(json.dumps({k: [z[k].dtype.name, list(z[k].shape),
                  hashlib.sha256(np.ascontiguousarray(z[k]).tobytes()).hexdigest()] for k in z.files}))
        """
      let out = try runProcess(python, ["-c", script, url.path])
      XCTAssertEqual(out.status, 0, out.stderr)
      let seen = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: [Any]] ?? [:]
      for (key, tensor) in arrays {
        let row = seen[key] ?? []
        XCTAssertEqual(row.first as? String, tensor.dtype.name, key)
        XCTAssertEqual(row.dropFirst().first as? [Int], tensor.shape, key)
        XCTAssertEqual(row.last as? String, sha256Hex(tensor.bytes), key)
      }
    }
  }
}

/// A tiny seeded generator (SplitMix64) so failures reproduce.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}
