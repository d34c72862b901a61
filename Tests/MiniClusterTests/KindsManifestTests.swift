import Foundation
import MiniCluster
import XCTest

/// Every upstream example manifest (shared/reference/manifests, beside the repository) must be accepted.
final class KindsManifestTests: XCTestCase {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/reference/manifests")
    }

    func testUpstreamManifestsPassDefaultingAndValidation() throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.folder.path))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        if files.isEmpty { throw XCTSkip("no shared/reference/manifests beside the repository") }
        var checked = 0
        for file in files {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            let f = KindsFixture()
            for doc in try YAMLForTests.documents(text) where doc.isObject {
                if let ns = doc.metadataNamespace, ns != "default" {
                    _ = try? f.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(ns)]])
                }
                XCTAssertEqual(f.errors(doc), [], "\(file): \(doc.kind)/\(doc.metadataName)")
                XCTAssertEqual(KindSchemas.unknownFields(doc), [], "\(file): \(doc.kind)/\(doc.metadataName)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50)
    }
}
