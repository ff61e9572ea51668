import Foundation
import ModelFormats
import XCTest
@testable import Importers

/// Our JSON reader against Foundation's `JSONSerialization` on the same bytes.
final class JSONParserTests: XCTestCase {
  private func same(_ ours: JSON, _ theirs: Any, _ path: String = "") -> Bool {
    switch ours {
    case .null: return theirs is NSNull
    case .bool(let b): return (theirs as? Bool) == b
    case .int(let i): return (theirs as? NSNumber)?.int64Value == i
    case .double(let d): return (theirs as? NSNumber).map { $0.doubleValue == d || (d.isNaN && $0.doubleValue.isNaN) } ?? false
    case .string(let s): return (theirs as? String) == s
    case .array(let a):
      guard let t = theirs as? [Any], t.count == a.count else { return false }
      return zip(a, t).allSatisfy { same($0, $1) }
    case .object(let o):
      guard let t = theirs as? [String: Any], Set(t.keys) == Set(o.keys) else { return false }
      return o.allSatisfy { k, v in t[k].map { same(v, $0) } ?? false }
    }
  }

  func test_JSONParser_agreesWithFoundationOnModelJSONAndEdgeCases() throws {
    let archive = try PT2Archive(path: PT2Fixtures.core)
    let documents = [
      try archive.data("models/model.json"),
      try archive.data("data/weights/model_weights_config.json"),
      Data(#"{"a": [1, -2, 3.5, -4e-3, 1E+2, 0], "s": "q\"\\\/\n\t\u00e9\ud83d\ude00", "n": null, "t": true, "f": false, "e": {}, "l": []}"#.utf8),
    ]
    for data in documents {
      let ours = try JSONParser.parse(data)
      let theirs = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      XCTAssertTrue(same(ours, theirs))
    }
  }

  func test_JSONParser_readsTorchsNonFiniteFloatsAndRejectsBadInput() throws {
    guard case .array(let v) = try JSONParser.parse(Data("[NaN, Infinity, -Infinity]".utf8)) else { return XCTFail() }
    guard case .double(let nan) = v[0], case .double(let inf) = v[1], case .double(let ninf) = v[2] else { return XCTFail() }
    XCTAssertTrue(nan.isNaN)
    XCTAssertEqual(inf, .infinity)
    XCTAssertEqual(ninf, -.infinity)
    for bad in ["{\"a\": }", "[1, 2", "\"open", "{\"a\" 1}", "[1] x", "tru"] {
      XCTAssertThrowsError(try JSONParser.parse(Data(bad.utf8)), bad)
    }
  }
}
