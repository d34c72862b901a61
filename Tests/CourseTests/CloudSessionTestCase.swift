import Course
import Foundation
import Shell
import XCTest

/// Checks judged on a session that starts without a cluster, as a gcloud lesson does: commands that must succeed,
/// and one check judged at a time.
class CloudSessionTestCase: XCTestCase {
    var session: ShellSession!

    override func setUp() {
        session = ShellSession(cwd: FileManager.default.temporaryDirectory)
    }

    func run(_ line: String) { XCTAssertEqual(session.runLine(line, output: Output()), 0, line) }

    func judge(_ kind: CheckKind) -> CheckOutcome {
        CheckJudge.judge(Check(kind: kind, line: 1), session: session)
    }
}
