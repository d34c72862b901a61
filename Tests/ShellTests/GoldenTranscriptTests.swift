import Foundation
import TestSupport
import XCTest

/// Replays every golden transcript under Golden/ (re-record with KUBETUTOR_RECORD=1; KUBETUTOR_GOLDEN=word limits
/// the run, and a recording, to the files whose names contain the word).
final class GoldenTranscriptTests: XCTestCase {
    func testEveryGoldenTranscript() throws {
        let dir = Bundle.module.resourceURL!.appendingPathComponent("Golden")
        // Record into the source tree, not the copied bundle.
        let sourceDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let files = try FileManager.default.contentsOfDirectory(atPath: sourceDir.path).filter { $0.hasSuffix(".txt") }.sorted()
            .filter { f in ProcessInfo.processInfo.environment["KUBETUTOR_GOLDEN"].map { f.contains($0) } ?? true }
        XCTAssertFalse(files.isEmpty)
        _ = dir
        for f in files {
            if let d = try Transcript.check(file: sourceDir.appendingPathComponent(f)) {
                XCTFail("\(f) differs:\n\(d)")
            }
        }
    }
}
