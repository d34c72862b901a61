import Foundation
import MiniCluster
@testable import Shell
import XCTest

/// A test case with a fresh shell session on the default cluster, and `run` for one command line.
class SessionTestCase: XCTestCase {
    var session: ShellSession!
    var cluster: Cluster!

    override func setUpWithError() throws {
        session = ShellSession.withDefaultCluster(cwd: FileManager.default.temporaryDirectory)
        cluster = try XCTUnwrap(session.currentCluster)
    }

    /// Runs `line` as the learner would type it: what it printed on each stream, and its exit status.
    @discardableResult
    func run(_ line: String) -> (out: String, err: String, status: Int32) {
        let o = Output()
        let s = session.runLine(line, output: o)
        return (o.stdout, o.stderr, s)
    }
}
