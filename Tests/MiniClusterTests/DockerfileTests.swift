import MiniCluster
import XCTest

/// Dockerfile parsing as BuildKit reads it, and the docker host's content-derived layers and cache.
final class DockerfileTests: XCTestCase {
    func testParsesInstructionsWithLinesContinuationsAndForms() throws {
        let text = """
        # syntax comment
        FROM nginx:alpine

        run apk add --no-cache curl \\
            # a comment inside a continuation
            && echo done
        COPY index.html /usr/share/nginx/html/
        CMD ["nginx", "-g", "daemon off;"]
        ENTRYPOINT /start.sh
        """
        let ins = try Dockerfile.parse(text).get()
        XCTAssertEqual(ins.map(\.keyword), ["FROM", "RUN", "COPY", "CMD", "ENTRYPOINT"])
        XCTAssertEqual(ins.map(\.line), [2, 4, 7, 8, 9])
        XCTAssertEqual(ins[1].arguments, "apk add --no-cache curl     && echo done")
        XCTAssertEqual(ins[3].json, ["nginx", "-g", "daemon off;"])
        XCTAssertNil(ins[4].json)
    }

    func testErrorsNameTheLine() {
        let cases: [(String, DockerfileError)] = [
            ("FROM alpine\nRUNN echo hi\n", DockerfileError(line: 2, message: "unknown instruction: RUNN (did you mean run?)")),
            ("FROM alpine\nFOOBARBAZ x\n", DockerfileError(line: 2, message: "unknown instruction: FOOBARBAZ")),
            ("RUN echo hi\n", DockerfileError(line: 1, message: "no build stage in current context")),
            ("FROM alpine\nCOPY\n", DockerfileError(line: 2, message: "COPY requires at least two arguments")),
            ("# only a comment\n", DockerfileError(line: 0, message: "the Dockerfile cannot be empty")),
        ]
        for (text, want) in cases {
            XCTAssertEqual(Dockerfile.parse(text).failureValue, want, text)
        }
    }

    func testWordsPairsAndExpansion() {
        XCTAssertEqual(DockerfileWords.split(#"a "b c" 'd e' f\ g"#), ["a", "b c", "d e", "f g"])
        XCTAssertEqual(DockerfileWords.pairs("A=1 B=\"two words\"").map { "\($0.0)=\($0.1)" }, ["A=1", "B=two words"])
        XCTAssertEqual(DockerfileWords.pairs("LEGACY some value").map { "\($0.0)=\($0.1)" }, ["LEGACY=some value"])
        XCTAssertEqual(DockerfileWords.expand("$A/${B}/$C/x", ["A": "1", "B": "2"]), "1/2//x")
    }

    func testHumanSizesAndDurationsAsGoUnits() {
        XCTAssertEqual(DockerTime.size(0), "0B")
        XCTAssertEqual(DockerTime.size(187_400_000), "187MB")
        XCTAssertEqual(DockerTime.size(7_800_000), "7.8MB")
        XCTAssertEqual(DockerTime.size(1_234), "1.23kB")
        XCTAssertEqual(DockerTime.human(.milliseconds(400)), "Less than a second")
        XCTAssertEqual(DockerTime.human(.seconds(1)), "1 second")
        XCTAssertEqual(DockerTime.human(.seconds(59)), "59 seconds")
        XCTAssertEqual(DockerTime.human(.seconds(90)), "About a minute")
        XCTAssertEqual(DockerTime.human(.minutes(59)), "59 minutes")
        XCTAssertEqual(DockerTime.human(.minutes(80)), "About an hour")
        XCTAssertEqual(DockerTime.human(.minutes(60 * 30)), "30 hours")
        XCTAssertEqual(DockerTime.human(.minutes(60 * 24 * 5)), "5 days")
        XCTAssertEqual(DockerTime.human(.minutes(60 * 24 * 20)), "2 weeks")
    }

    struct Files: DockerBuildContext {
        var files: [String: String]
        func read(_ path: String) -> String? { files[path] }
        func files(under path: String) -> [String]? {
            path == "." ? files.keys.sorted() : files.keys.filter { $0.hasPrefix(path + "/") }.sorted().nilIfEmpty
        }
    }

    func build(_ host: DockerHost, _ dockerfile: String, _ files: [String: String], tag: String = "web:1") -> DockerBuildResult {
        var o = DockerBuildOptions(dockerfile: dockerfile)
        o.tags = [tag]
        return host.build(o, context: Files(files: files))
    }

    func testLayersFollowContentAndRebuildsAreCached() throws {
        let host = DockerHost(start: Timestamp(rfc3339: "2026-11-26T09:00:00Z")!)
        let df = "FROM nginx:alpine\nCOPY index.html /usr/share/nginx/html/\nRUN echo built\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n"
        let first = build(host, df, ["index.html": "<h1>v1</h1>\n"])
        XCTAssertNil(first.failure)
        let img = try XCTUnwrap(first.image)
        XCTAssertEqual(img.files["/usr/share/nginx/html/index.html"], "<h1>v1</h1>\n")
        XCTAssertEqual(first.steps.filter(\.cached).count, 0)
        let again = build(host, df, ["index.html": "<h1>v1</h1>\n"])
        XCTAssertEqual(again.image?.id, img.id, "same content, same image")
        XCTAssertEqual(again.steps.filter(\.cached).map(\.name), ["[2/3] COPY index.html /usr/share/nginx/html/", "[3/3] RUN echo built"])
        let changed = build(host, df, ["index.html": "<h1>v2</h1>\n"])
        XCTAssertNotEqual(changed.image?.id, img.id)
        XCTAssertEqual(changed.steps.filter(\.cached).count, 0, "a changed COPY invalidates the steps after it")
        XCTAssertNotEqual(changed.image?.layers.last, img.layers.last)
        XCTAssertEqual(changed.image?.layers.first, img.layers.first, "the base layer is shared")
        XCTAssertEqual(host.image("web:1")?.id, changed.image?.id)
        XCTAssertNotNil(host.image(img.shortID), "the old image stays, untagged")
    }

    func testBuildFailures() {
        let host = DockerHost(start: Timestamp(rfc3339: "2026-11-26T09:00:00Z")!)
        let missing = build(host, "FROM alpine\nCOPY nope.txt /app/\n", [:])
        XCTAssertEqual(missing.failure?.line, 2)
        XCTAssertEqual(missing.failure?.step, "[2/2] COPY nope.txt /app/")
        XCTAssertTrue(missing.failure?.message.hasSuffix("\"/nope.txt\": not found") ?? false)
        let base = build(host, "FROM nosuchimage:1.0\n", [:])
        XCTAssertEqual(base.failure?.line, 1)
        XCTAssertEqual(base.failure?.message, "nosuchimage:1.0: failed to resolve source metadata for docker.io/library/nosuchimage:1.0: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed")
    }
}

extension Result {
    var failureValue: Failure? { if case .failure(let e) = self { return e }; return nil }
}

extension Array {
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
