import Foundation
import TestSupport
import XCTest
@testable import TVM

/// The TVM form on disk: written whole, replaced only with `force`, and never over a folder or
/// file that is not an earlier TVM form.
final class TVMFormTests: XCTestCase {
  func test_TVMForm_replacesOnlyAnEarlierTVMForm() throws {
    let dir = try temporaryFolder(), form = dir.appendingPathComponent("m.tvm")
    let module = try RelaxEmitter.emit(RelaxEmitterTests.smallGraph(), file: "small.onnx")
    try TVMForm.write(module, to: form, force: false)
    XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: form.path)),
                   [TVMForm.moduleFile, TVMForm.paramsFile, TVMForm.provenanceFile])
    XCTAssertThrowsError(try TVMForm.write(module, to: form, force: false), "no force, no replacing")
    try TVMForm.write(module, to: form, force: true)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["m.tvm"], "nothing left beside it")

    // A folder of the user's, and a file, stay as they are even with force.
    let mine = dir.appendingPathComponent("photos")
    try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: mine.appendingPathComponent("cat.png"))
    XCTAssertThrowsError(try TVMForm.write(module, to: mine, force: true)) { error in
      XCTAssertTrue("\(error)".contains("photos"), "\(error)")
    }
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mine.path), ["cat.png"])
    let file = dir.appendingPathComponent("model.onnx")
    try Data("model".utf8).write(to: file)
    XCTAssertThrowsError(try TVMForm.write(module, to: file, force: true))
    XCTAssertEqual(try Data(contentsOf: file), Data("model".utf8))
  }
}
