import Foundation
import TestSupport
import XCTest

/// Replays every golden transcript under Golden/ (re-record with KUBETUTOR_RECORD=1).
final class GoldenTranscriptTests: XCTestCase {
    func testEveryGoldenTranscript() throws {
        let dir = Bundle.module.resourceURL!.appendingPathComponent("Golden")
        // Record into the source tree, not the copied bundle.
        let sourceDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let files = try FileManager.default.contentsOfDirectory(atPath: sourceDir.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertFalse(files.isEmpty)
        _ = dir
        for f in files {
            if let d = try Transcript.check(file: sourceDir.appendingPathComponent(f)) {
                XCTFail("\(f) differs:\n\(d)")
            }
        }
    }
}
