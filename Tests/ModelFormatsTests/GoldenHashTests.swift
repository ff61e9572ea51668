import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// Without Python: every .npy/.npz in golden/ opens, and each array's dtype, shape and sha256 of
/// its little-endian C-order bytes equal what `converters/make_golden.py` recorded in
/// golden/manifest.json (`files.<path>.arrays.<key>`; key "" for an .npy). Every other listed
/// file (models, sidecars) is checked by its whole-file sha256, so hand edits are caught too.
final class GoldenHashTests: XCTestCase {
  struct Manifest: Decodable {
    var format: String
    var files: [String: File]
  }

  struct File: Decodable {
    var sha256: String
    var bytes: Int
    var arrays: [String: ArrayDigest]?
  }

  struct ArrayDigest: Decodable, Equatable, CustomStringConvertible {
    var dtype: String
    var shape: [Int]
    var sha256: String
    var description: String { "\(dtype) \(shape) \(sha256.prefix(12))…" }
  }

  /// golden/ of this checkout, or the folder `DELTANN_GOLDEN` names.
  static let golden = ProcessInfo.processInfo.environment["DELTANN_GOLDEN"].map { URL(fileURLWithPath: $0) }
    ?? packageRoot.appendingPathComponent("golden")

  func test_Golden_everyArrayMatchesItsManifestHash() throws {
    let root = Self.golden
    guard FileManager.default.fileExists(atPath: root.path) else {
      print("SKIPPED test_Golden_everyArrayMatchesItsManifestHash: golden/ is absent on this branch")
      throw XCTSkip("SKIPPED: golden/ is absent on this branch; no golden hashes were checked")
    }
    let manifestURL = root.appendingPathComponent("manifest.json")
    let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: manifestURL))
    XCTAssertTrue(manifest.format.hasPrefix("deltann.golden/"), manifest.format)

    let onDisk = try arrayFiles(under: root)
    let unrecorded = onDisk.subtracting(manifest.files.keys)
    XCTAssertTrue(unrecorded.isEmpty, "array files in golden/ that manifest.json does not record: \(unrecorded.sorted())")

    var (files, arrays, bytes) = (0, 0, 0)
    for (path, entry) in manifest.files.sorted(by: { $0.key < $1.key }) {
      let url = root.appendingPathComponent(path)
      let data = try Data(contentsOf: url, options: .alwaysMapped)
      XCTAssertEqual(data.count, entry.bytes, "\(path): size")
      files += 1
      bytes += data.count
      guard let expected = entry.arrays else {
        XCTAssertFalse(path.hasSuffix(".npz") || path.hasSuffix(".npy"), "\(path): manifest lists no arrays")
        XCTAssertEqual(data.withUnsafeBytes { sha256Hex($0) }, entry.sha256, "\(path): file sha256")
        continue
      }
      let found = try digests(of: url)
      XCTAssertEqual(Set(found.keys), Set(expected.keys), "\(path): array keys")
      for (key, want) in expected.sorted(by: { $0.key < $1.key }) {
        guard let got = found[key] else { continue }
        XCTAssertEqual(got, want, "\(path)[\(key)]: hash mismatch")
        arrays += 1
      }
    }
    print("golden: checked \(files) files (\(bytes) bytes) and \(arrays) arrays against manifest.json")
    XCTAssertGreaterThan(arrays, 0, "manifest.json records no arrays")
  }

  /// dtype, shape and content hash of every array in an .npy or .npz, read by DeltaNN alone.
  func digests(of url: URL) throws -> [String: ArrayDigest] {
    func digest(_ t: Tensor) -> ArrayDigest {
      ArrayDigest(dtype: t.dtype.name, shape: t.shape, sha256: sha256Hex(t.bytes))
    }
    if url.pathExtension == "npy" { return ["": digest(try NPY.read(contentsOf: url))] }
    let npz = try NPZReader(contentsOf: url)
    var out: [String: ArrayDigest] = [:]
    for key in npz.keys { out[key] = digest(try npz.tensor(key)) }
    return out
  }

  /// Paths (relative to `root`) of every .npy/.npz below it.
  func arrayFiles(under root: URL) throws -> Set<String> {
    guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
    return Set(walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".npz") || $0.hasSuffix(".npy") })
  }
}
