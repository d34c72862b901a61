import MiniCluster
@testable import Shell
import XCTest

/// Table tests of the Go tabwriter emulation and the PrefixWriter helpers on their own.
final class DescribeWriterTests: XCTestCase {
    func tab(_ input: String) -> String {
        var w = GoTabWriter(minWidth: 0, padding: 2)
        w.write(input)
        w.flush()
        return w.output
    }

    func testTabWriterTable() {
        let cases: [(String, String, String)] = [
            ("one block aligns to the longest label + 2", "a:\tb\nlonger:\tc\n", "a:       b\nlonger:  c\n"),
            ("a tab-less line ends the block", "a:\t1\nIPs:\n  IP:\t2\nControlled By:\t3\n",
             "a:  1\nIPs:\n  IP:           2\nControlled By:  3\n"),
            ("continuation lines start with an empty cell", "Labels:\tapp=web\n\tx=y\nAnnotations:\t<none>\n",
             "Labels:       app=web\n              x=y\nAnnotations:  <none>\n"),
            ("inner columns align only across lines that have them", "a\tbbbb\tc\nd\te\nf\tg\th\n",
             "a  bbbb  c\nd  e\nf  g  h\n"),
            ("the last cell of a line is never padded", "  Type\tStatus\n  Ready \tTrue \n",
             "  Type    Status\n  Ready   True \n"),
            ("a trailing partial line is written without newline", "x\ty", "x  y"),
            ("an empty line separates blocks", "ab:\t1\n\nabcdef:\t2\n", "ab:  1\n\nabcdef:  2\n"),
            ("widths count runes, not bytes", "é:\t1\nab:\t2\n", "é:   1\nab:  2\n"),
        ]
        for (name, input, want) in cases {
            XCTAssertEqual(tab(input), want, name)
        }
    }

    func testWritesMaySplitCellsAnywhere() {
        var w = GoTabWriter()
        for piece in ["Lab", "els:\t", "app=", "web\n", "\tx=y\nAnno", "tations:\t<none>\n"] { w.write(piece) }
        w.flush()
        XCTAssertEqual(w.output, "Labels:       app=web\n              x=y\nAnnotations:  <none>\n")
    }

    func testFlushAlignsEarlierLinesOnTheirOwn() {
        let w = PrefixWriter()
        w.write(0, "Short:\t1\n")
        w.flush()
        w.write(0, "Much longer label:\t2\n")
        XCTAssertEqual(w.text, "Short:  1\nMuch longer label:  2\n")
    }

    func testLabelsAndAnnotations() {
        let w = PrefixWriter()
        w.write(0, "Name:\tweb\n")
        w.labels("Labels", ["pod-template-hash": "7c5ddbdf54", "app": "web"])
        w.annotations("Annotations", [:])
        w.labels("Node-Selectors", [:])
        XCTAssertEqual(w.text, """
        Name:            web
        Labels:          app=web
                         pod-template-hash=7c5ddbdf54
        Annotations:     <none>
        Node-Selectors:  <none>

        """)
    }

    func testLongAndMultilineAnnotations() {
        let long = String(repeating: "x", count: 150)
        let w = PrefixWriter()
        w.annotations("Annotations", ["a": "short", "b": long, "c": "one\ntwo\n",
                                      "kubectl.kubernetes.io/last-applied-configuration": "{}"])
        XCTAssertEqual(w.text, """
        Annotations:  a: short
                      b:
                        \(String(repeating: "x", count: 138))...
                      c:
                        one
                        two

        """)
    }

    func testTolerationsAndTaints() {
        let w = PrefixWriter()
        w.tolerations("Tolerations", [
            ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
            ["key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"],
            ["operator": "Exists"],
        ])
        w.taints("Taints", [["key": "b", "effect": "NoSchedule"], ["key": "a", "value": "1", "effect": "NoSchedule"],
                            ["key": "c", "effect": "NoExecute"]])
        XCTAssertEqual(w.text, """
        Tolerations:  op=Exists
                      dedicated=gpu:NoSchedule
                      node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
        Taints:       c:NoExecute
                      a=1:NoSchedule
                      b:NoSchedule

        """)
    }

    func testNestedWriterShiftsLevels() {
        let w = PrefixWriter()
        w.write(0, "Outer:\n")
        let n = w.nested(2)
        n.write(0, "Inner:\tv\n")
        n.line("<none>")
        XCTAssertEqual(w.text, "Outer:\n    Inner:  v\n    <none>\n")
    }
}
