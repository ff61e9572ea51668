import TestSupport
import XCTest

final class SHA256Tests: XCTestCase {
  /// FIPS 180-4 example vectors, plus lengths around the 55/56/64-byte padding edges
  /// (digests from Python's hashlib).
  func test_SHA256_matchesReferenceVectors() {
    XCTAssertEqual(sha256Hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    XCTAssertEqual(sha256Hex(Array("abc".utf8)),
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    XCTAssertEqual(sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    XCTAssertEqual(sha256Hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)),
                   "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    XCTAssertEqual(sha256Hex(Array(repeating: 0, count: 55)),
                   "02779466cdec163811d078815c633f21901413081449002f24aa3e80f0b88ef7")
    XCTAssertEqual(sha256Hex(Array(repeating: 0, count: 64)),
                   "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b")
  }
}
