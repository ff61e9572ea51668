import Foundation
import ModelFormats
import TestSupport
import XCTest

/// study.html as a browser shows it: study-small's page rendered by headless Chromium has its
/// eight heat maps and the time table in the DOM, logs no script or page error, and its screenshot
/// shows the heat map's agreement green.
final class StudyPageChromiumTests: XCTestCase {
  func test_StudyPage_rendersInHeadlessChromiumWithItsHeatMaps() throws {
    guard let chromium = (executablesOnPath("chromium") + executablesOnPath("chromium-browser")).first else {
      let why = "SKIPPED: no chromium on PATH to render study.html (apt-get install chromium)"
      FileHandle.standardError.write(Data((why + "\n").utf8))
      throw XCTSkip(why)
    }
    let folder = try temporaryFolder()
    let pipeline = try studySmallCopy(in: folder)
    let run = try runDeltaNN(["pipeline", "run", pipeline.path], in: packageRoot)
    XCTAssertEqual(run.status, 0, run.stderr)
    let page = folder.appendingPathComponent("out/study.html")

    let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                 "--enable-logging=stderr", "--v=0"]
    let dom = try runProcess(chromium, flags + ["--dump-dom", page.absoluteString])
    XCTAssertEqual(dom.status, 0, dom.stderr)
    XCTAssertEqual(dom.stdout.components(separatedBy: "<table class=\"matrix\">").count - 1, 8, "one heat map per compare step")
    XCTAssertEqual(dom.stdout.components(separatedBy: "class=\"heat\"").count - 1, 4 * (3 * 3 + 4 * 4) - 4 * (3 + 4),
                   "one coloured square per ordered pair of environments")
    XCTAssertTrue(dom.stdout.contains("<table class=\"times\">"))
    for problem in ["Uncaught", "SyntaxError", "Failed to load resource"] {
      XCTAssertFalse(dom.stderr.contains(problem), "\(problem) in Chromium's log:\n\(dom.stderr)")
    }

    let png = folder.appendingPathComponent("study.png")
    let shot = try runProcess(chromium, flags + ["--screenshot=\(png.path)", "--window-size=1280,1600", page.absoluteString])
    XCTAssertEqual(shot.status, 0, shot.stderr)
    let image = try ImageFile.read(png)
    XCTAssertEqual([image.width, image.height], [1280, 1600])
    // rgba(44,160,44,0.15) over white: the squares where two environments agree.
    var green = 0
    for i in stride(from: 0, to: image.pixels.count, by: 3) {
      let (r, g, b) = (Int(image.pixels[i]), Int(image.pixels[i + 1]), Int(image.pixels[i + 2]))
      if abs(r - 223) <= 6, abs(g - 240) <= 6, abs(b - 223) <= 6 { green += 1 }
    }
    XCTAssertGreaterThan(green, 10_000, "the heat map's green squares are on the page")
  }
}
