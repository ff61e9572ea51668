import Foundation
import ModelFormats
import ModelGraph
import TestSupport
import XCTest

/// Malformed .npy/.npz inputs give typed errors naming the file (and member) and what was expected.
final class NPYErrorTests: XCTestCase {
  var directory: URL!
  let valid = NPYFixtureTests.folder.appendingPathComponent("v1_float32.npy")

  override func setUpWithError() throws {
    directory = try temporaryFolder()
  }

  func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }

  func npy(header: String, data: [UInt8] = [], version: UInt8 = 1) -> [UInt8] {
    let text = Array(header.utf8)
    let length = version == 1 ? [UInt8(text.count & 255), UInt8(text.count >> 8)]
      : [UInt8(text.count & 255), UInt8(text.count >> 8), 0, 0]
    return [0x93] + Array("NUMPY".utf8) + [version, 0] + length + text + data
  }

  func readError(_ url: URL) -> FormatError? {
    do { _ = try NPY.read(contentsOf: url) } catch { return error }
    XCTFail("\(url.lastPathComponent) was read without error")
    return nil
  }

  func test_NPY_truncatedFilesAreTypedErrors() throws {
    let bytes = Array(try Data(contentsOf: valid))
    for cut in [0, 3, 7, 9, 50, 127, bytes.count - 1] {
      let url = try file("cut\(cut).npy", Array(bytes.prefix(cut)))
      guard case .truncated(let path, nil, let what, let expected, let found)? = readError(url) else {
        XCTFail("cut at \(cut): \(String(describing: readError(url)))")
        continue
      }
      XCTAssertEqual(path, url.path)
      XCTAssertEqual(found, cut, what)
      XCTAssertGreaterThan(expected, cut, what)
    }
  }

  func test_NPY_badMagicNamesWhatWasFound() throws {
    let url = try file("bad.npy", Array("PK\u{3}\u{4}not numpy".utf8))
    guard case .npyBadMagic(url.path, nil, let found)? = readError(url) else { return XCTFail() }
    XCTAssertEqual(found, Array("PK\u{3}\u{4}no".utf8))
    XCTAssertTrue("\(readError(url)!)".contains("expected magic"))
  }

  func test_NPY_malformedHeadersAreTypedErrors() throws {
    let cases = [
      "{'descr': '<f4', 'fortran_order': False}\n",  // missing shape
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 'x'), }\n",
      "{'descr': '<f4', 'fortran_order': 0, 'shape': (), }\n",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }\n",
      "{'descr': '<f4' 'fortran_order': False, 'shape': (), }\n",
      "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (), }\n",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (), 'extra': 1}\n",
      "['descr']\n",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999, 99999999999), }\n",
    ]
    for (n, header) in cases.enumerated() {
      let url = try file("h\(n).npy", npy(header: header))
      guard case .npyBadHeader(url.path, nil, let reason)? = readError(url) else {
        XCTFail("header \(header): \(String(describing: readError(url)))")
        continue
      }
      XCTAssertFalse(reason.isEmpty)
    }
    let version = try file("v9.npy", npy(header: "{}", version: 9))
    guard case .npyBadHeader(_, _, let reason)? = readError(version) else { return XCTFail() }
    XCTAssertTrue(reason.contains("version 9.0"), reason)
  }

  func test_NPY_headerParserAcceptsOtherWritersSpelling() throws {
    let headers = [
      "{\"shape\": [2], \"fortran_order\": False, \"descr\": \"<i2\"}\n",
      "{ 'descr' : '<i2' , 'fortran_order' : False , 'shape' : ( 2L , ) }   \n",
      "{'descr': 'i2', 'fortran_order': True, 'shape': (2,)}\n",
    ]
    for (n, header) in headers.enumerated() {
      let url = try file("ok\(n).npy", npy(header: header, data: [1, 0, 255, 255]))
      XCTAssertEqual(try NPY.read(contentsOf: url).int64s(), [1, -1], header)
    }
  }

  func test_NPY_unsupportedDTypesAreNamed() throws {
    for descr in ["<c8", "<U3", "|S4", "<M8[ns]", "<f3", "|V2", "<x4"] {
      let url = try file("d.npy", npy(header: "{'descr': '\(descr)', 'fortran_order': False, 'shape': (), }\n"))
      guard case .npyUnsupportedDType(_, nil, descr)? = readError(url) else {
        XCTFail("\(descr): \(String(describing: readError(url)))")
        continue
      }
    }
  }

  func test_NPY_extraDataIsALengthMismatch() throws {
    let url = try file("long.npy", Array(try Data(contentsOf: valid)) + [0, 0, 0, 0])
    guard case .npyDataLength(_, nil, [2, 3], "<f4", 24, 28)? = readError(url) else {
      return XCTFail(String(describing: readError(url)))
    }
  }

  func test_NPY_missingFileIsUnreadable() {
    let url = directory.appendingPathComponent("absent.npy")
    guard case .unreadable(url.path, let reason)? = readError(url) else { return XCTFail() }
    XCTAssertTrue(reason.contains("No such file"), reason)
  }

  func test_NPZ_corruptArchivesAreTypedErrors() throws {
    let stored = Array(try Data(contentsOf: NPYFixtureTests.folder.appendingPathComponent("savez.npz")))
    let deflated = Array(try Data(contentsOf: NPYFixtureTests.folder.appendingPathComponent("savez_compressed.npz")))
    // Not a zip, and a zip cut before its central directory.
    for (name, bytes) in [("text.npz", Array("hello".utf8)), ("cut.npz", Array(stored.prefix(stored.count / 2)))] {
      let url = try file(name, bytes)
      XCTAssertThrowsError(try NPZReader(contentsOf: url), name) { error in
        guard case FormatError.npzCorrupt(url.path, nil, let reason) = error else { return XCTFail("\(error)") }
        XCTAssertTrue(reason.contains("not a zip"), reason)
      }
    }
    // A flipped byte inside a member's data: stored → CRC mismatch, deflated → CRC or inflate error.
    for (name, bytes, into) in [("flip.npz", stored, 100), ("flipz.npz", deflated, 20)] {
      var damaged = bytes
      let offset = try XCTUnwrap(firstMemberDataOffset(bytes)) + into
      damaged[offset] ^= 0x5a
      let url = try file(name, damaged)
      let npz = try NPZReader(contentsOf: url)
      XCTAssertThrowsError(try npz.tensor("x"), name) { error in
        guard case FormatError.npzCorrupt(url.path, "x.npy", _) = error else { return XCTFail("\(error)") }
      }
      XCTAssertNoThrow(try npz.tensor("flag"), "other members stay readable")
    }
  }

  func test_NPZ_missingKeyListsWhatExists() throws {
    let npz = try NPZReader(contentsOf: NPYFixtureTests.folder.appendingPathComponent("savez.npz"))
    XCTAssertThrowsError(try npz.tensor("y")) { error in
      guard case FormatError.npzMissingKey(_, "y", let available) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(available, ["x", "block/conv1/kernel", "flag"])
    }
  }

  /// Offset of the first member's data: after the 30-byte local header, its name and extra field.
  func firstMemberDataOffset(_ zip: [UInt8]) -> Int? {
    guard zip.count > 30, zip[0] == 0x50, zip[1] == 0x4b else { return nil }
    return 30 + Int(zip[26]) + Int(zip[27]) << 8 + Int(zip[28]) + Int(zip[29]) << 8
  }
}
