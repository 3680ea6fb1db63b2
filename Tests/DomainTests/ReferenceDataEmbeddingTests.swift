import Foundation
import Testing
@testable import ReferenceData

/// The reference tables are compiled into the binary (a copied `ydelse` needs nothing beside
/// it): every file of `Sources/ReferenceData/Resources/` is embedded, byte for byte, and a
/// file added there without being embedded fails here rather than in a run.
@Suite struct ReferenceDataEmbeddingTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/ReferenceData/Resources").standardizedFileURL

    @Test("every file in Sources/ReferenceData/Resources is embedded with the same bytes, and nothing else is")
    func embeddedEqualsTheFolder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(!names.isEmpty)
        #expect(ReferenceTable.embedded.map(\.name) == names)
        for (name, data) in try ReferenceTable.bundledFiles() {
            #expect(data == (try Data(contentsOf: Self.folder.appendingPathComponent(name))), "\(name)")
        }
    }

    @Test("load reads an embedded table; an unknown name is an error naming the file")
    func loadByName() throws {
        let k = try ReferenceTable.load("kommuner")
        #expect(!k.rows.isEmpty && !k.header.isEmpty)
        #expect(throws: ReferenceDataError.self) { try ReferenceTable.load("no_such_table") }
    }
}
