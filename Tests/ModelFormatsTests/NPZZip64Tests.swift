import Foundation
@testable import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// The zip64 records NPZWriter emits past 4 GiB, exercised on small files by forcing them, and
/// read back by DeltaNN and (when present) by numpy.
final class NPZZip64Tests: XCTestCase {
  func test_NPZWriter_forcedZip64IsReadableByUsAndNumpy() throws {
    let directory = try temporaryFolder()
    let arrays = NPYRoundTripTests.cases.prefix(30).enumerated().map { n, c in
      (key: "z/\(c.2)", tensor: NPYRoundTripTests.sample(c.0, c.1, seed: UInt64(7 * n)))
    }
    for compression in [NPZWriter.Compression.stored, .deflated] {
      let url = directory.appendingPathComponent("\(compression).npz")
      let writer = try NPZWriter(url: url, compression: compression)
      writer.forceZip64 = true
      for (key, tensor) in arrays { try writer.add(tensor, key: key) }
      try writer.finish()
      let back = try NPZ.read(contentsOf: url)
      XCTAssertEqual(back.map(\.key), arrays.map(\.key))
      for (a, b) in zip(arrays, back) { XCTAssertEqual(a.tensor, b.tensor, "\(compression) \(a.key)") }

      guard let python = pythonWithNumpy() else { continue }
      let script = """
        import sys, zipfile, numpy as np
        z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
        with np.load(sys.argv[1]) as f: print(len(f.files), sum(f[k].size for k in f.files))
        """
      let out = try runProcess(python, ["-c", script, url.path])
      XCTAssertEqual(out.status, 0, out.stderr)
      let total = arrays.reduce(0) { $0 + $1.tensor.elementCount }
      XCTAssertEqual(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "\(arrays.count) \(total)")
    }
  }

  func test_NPZReader_viewsStoredMembersInPlace() throws {
    let npz = try NPZReader(contentsOf: NPYFixtureTests.folder.appendingPathComponent("savez.npz"))
    XCTAssertTrue(try npz.tensor("x").storage.isView)
    let deflated = try NPZReader(contentsOf: NPYFixtureTests.folder.appendingPathComponent("savez_compressed.npz"))
    XCTAssertFalse(try deflated.tensor("x").storage.isView)
  }
}
