import Foundation
import Shell
import XCTest

/// Tests whose sessions work in a scratch folder of their own, made before each test and removed after it, and
/// that read a command's combined output and exit status.
class ScratchFolderTestCase: XCTestCase {
    var dir: URL!

    override func setUp() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-\(type(of: self))-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func run(_ s: ShellSession, _ line: String) -> (String, Int32) {
        let o = Output()
        let status = s.runLine(line, output: o)
        return (o.combined, status)
    }
}
