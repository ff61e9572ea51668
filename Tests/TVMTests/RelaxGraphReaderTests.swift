import Foundation
import ModelGraph
import TestSupport
import XCTest

@testable import TVM

/// The relax-graph reader on documents in the helper's format (`deltann_converters.relax_json`):
/// bindings become relax-dialect nodes with their arguments, attributes and provenance; a
/// document that does not parse or reads an undefined value is a typed error naming the file.
final class RelaxGraphReaderTests: XCTestCase {
  static let document = """
    {"format": "deltann.relax-graph/1", "form": "tvmscript",
     "inputs": [{"name": "x", "shape": [1, 2, 4, 4], "dtype": "float32"}], "params": [],
     "bindings": [
      {"name": "c", "op": "relax.nn.conv2d", "args": [{"var": "x"}, {"const": [1, 2, 3, 4], "shape": [2, 2, 1, 1], "dtype": "float32"}],
       "attrs": {"strides": [1, 1], "padding": [0, 0, 1, 1], "groups": 1, "data_layout": "NCHW", "out_dtype": null},
       "shape": [1, 2, 5, 5], "dtype": "float32", "layer": "conv", "tensor": "conv"},
      {"name": "y", "op": "relax.clip", "args": [{"var": "c"}, {"prim": 0.0}, {"prim": "inf"}], "attrs": {},
       "shape": [1, 2, 5, 5], "dtype": "float32"},
      {"name": "z", "op": "relax.reshape", "args": [{"var": "y"}, {"shape_value": [1, 50]}], "attrs": {},
       "shape": [1, 50], "dtype": "float32"}],
     "output": "z"}
    """

  func write(_ text: String) throws -> URL {
    let url = try temporaryFolder().appendingPathComponent("relax.json")
    try Data(text.utf8).write(to: url)
    return url
  }

  func test_RelaxGraphReader_readsBindingsArgumentsAttributesAndProvenance() throws {
    let graph = try RelaxGraphReader.read(json: try write(Self.document), values: nil)
    XCTAssertEqual(graph.nodes.map(\.opType), ["nn.conv2d", "clip", "reshape"])
    XCTAssertEqual(Set(graph.nodes.map(\.domain)), ["relax"])
    let conv = graph.nodes[0]
    XCTAssertEqual(conv.inputs, ["x", "c:1"])
    XCTAssertEqual(graph.initializers["c:1"]?.floats(), [1, 2, 3, 4])
    XCTAssertEqual(graph.initializers["c:1"]?.shape, [2, 2, 1, 1])
    XCTAssertEqual(conv.attributes["padding"]?.ints, [0, 0, 1, 1])
    XCTAssertEqual(conv.attributes["data_layout"]?.string, "NCHW")
    XCTAssertNil(conv.attributes["out_dtype"])
    XCTAssertEqual(conv.provenance?.sourceLayer, "conv")
    XCTAssertNil(graph.nodes[1].provenance)
    XCTAssertEqual(graph.nodes[1].attributes["arg1"]?.float, 0)
    XCTAssertEqual(graph.nodes[1].attributes["arg2"]?.float, .infinity)
    XCTAssertEqual(graph.nodes[2].attributes["shape"]?.ints, [1, 50])
    XCTAssertEqual(graph.outputs.map(\.name), ["z"])
    XCTAssertEqual(graph.outputs.first?.type.shape?.compactMap(\.value), [1, 50])
  }

  func test_RelaxGraphReader_jsonThatDoesNotParseIsATypedErrorNamingTheFile() throws {
    let url = try write("{\"format\": \"deltann.relax-graph/1\", \"bindings\": [")
    XCTAssertThrowsError(try RelaxGraphReader.read(json: url, values: nil)) { error in
      guard case TVMError.badRelaxGraph(let file, nil, _)? = error as? TVMError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, url.path)
    }
  }

  func test_RelaxGraphReader_anUndefinedArgumentNamesItsBinding() throws {
    let url = try write(Self.document.replacingOccurrences(of: "{\"var\": \"c\"}", with: "{\"var\": \"nowhere\"}"))
    XCTAssertThrowsError(try RelaxGraphReader.read(json: url, values: nil)) { error in
      guard case TVMError.badRelaxGraph(_, let binding?, let reason)? = error as? TVMError else { return XCTFail("\(error)") }
      XCTAssertEqual(binding, "y")
      XCTAssertTrue(reason.contains("nowhere"), reason)
    }
  }

  func test_RelaxGraphReader_aStoredConstantWithoutItsValuesFileIsATypedError() throws {
    let url = try write(Self.document.replacingOccurrences(
      of: "{\"const\": [1, 2, 3, 4], \"shape\": [2, 2, 1, 1], \"dtype\": \"float32\"}",
      with: "{\"const\": null, \"key\": \"c.1\", \"shape\": [2, 2, 1, 1], \"dtype\": \"float32\"}"))
    XCTAssertThrowsError(try RelaxGraphReader.read(json: url, values: nil)) { error in
      guard case TVMError.badRelaxGraph(_, "c"?, _)? = error as? TVMError else { return XCTFail("\(error)") }
    }
  }
}
