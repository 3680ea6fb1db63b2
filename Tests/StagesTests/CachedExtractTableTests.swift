import ArrowIPC
import ColumnStore
import Foundation
import Pipeline
import Testing
import YdelseIO
@testable import Stages

/// The extract checkpoint copied from delivery cache entries (issue 11, ``CachedExtractTable``):
/// the entries a run has just written are trusted on the content hash they were written with,
/// not decompressed again; an entry found in the folder or changed since is checked buffer by
/// buffer, and a damaged one makes the table be built again, never copied.
@Suite struct CachedExtractTableTests {
    static let layout = SourceCatalog.layout(named: "ky")!
    static let month = YearMonth(year: 2020, month: 6)

    /// A cold extract of ky into a fresh cache folder: the folder value that wrote the entries,
    /// the entries, and the table parsed without a cache.
    static func coldExtract(_ tag: String) throws -> (DeliveryCacheFolder, CachedSourceExtract, Table) {
        let out = try makeTempDirectory(tag)
        let plain = SourceExtractor(dataDirectory: Repo.sampleData.path).extract(layout, upTo: month).table
        var extractor = SourceExtractor(dataDirectory: Repo.sampleData.path)
        let folder = DeliveryCacheFolder(outputDirectory: out, layout: layout, codeVersion: "test")
        extractor.cache = folder
        let list = try extractor.deliveries(of: layout, upTo: month)
        let cached = try #require(extractor.cachedExtract(layout, deliveries: list))
        #expect(cached.deliveries.allSatisfy { !$0.cached }, "a fresh folder: every delivery parsed and written")
        return (folder, cached, plain)
    }

    @Test("entries written by this run are vouched for by their hash; another folder value on the same directory, which did not write them, does not vouch for them")
    func writtenEntriesAreUnchanged() throws {
        let (folder, cached, plain) = try Self.coldExtract("cached-extract-written")
        #expect(cached.entries.count > 2)
        #expect(cached.entries.allSatisfy { folder.isUnchangedSinceWritten($0.url) })
        let other = DeliveryCacheFolder(outputDirectory: folder.directory.deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent(), layout: Self.layout, codeVersion: "test")
        #expect(other.directory == folder.directory)
        #expect(cached.entries.allSatisfy { !other.isUnchangedSinceWritten($0.url) }, "found entries are checked when copied")
        let table = CachedExtractTable(previous: nil, extract: cached, unchangedSinceWritten: folder.isUnchangedSinceWritten) { plain }
        #expect(table.partsToCopy().allSatisfy { $0.verified })
    }

    @Test("an entry damaged after it was written is checked when copied, found damaged, and the table built again")
    func damagedEntryIsNotCopied() throws {
        let (folder, cached, plain) = try Self.coldExtract("cached-extract-damaged")
        let damaged = 1
        try DeliveryCacheTests.damageInPlace(cached.entries[damaged].url)
        #expect(!folder.isUnchangedSinceWritten(cached.entries[damaged].url))
        let rebuilt = Locked(false)
        let table = CachedExtractTable(previous: nil, extract: cached, unchangedSinceWritten: folder.isUnchangedSinceWritten) {
            rebuilt.withLock { $0 = true }
            return plain
        }
        #expect(table.partsToCopy().map(\.verified) == cached.entries.indices.map { $0 != damaged })
        let url = try makeTempDirectory("cached-extract-damaged-out").appendingPathComponent("ky.arrow")
        try table.write(to: url, metadata: [:], codec: ArrowCheckpointCodec())
        #expect(rebuilt.withLock { $0 }, "the damaged entry was found while copying")
        expectSameTable(try ArrowFileReader.read(from: url).table, plain)
    }

    @Test("undamaged entries are copied without a rebuild into the table a parse builds")
    func copiedTableIsTheParsedOne() throws {
        let (folder, cached, plain) = try Self.coldExtract("cached-extract-copied")
        let rebuilt = Locked(false)
        let table = CachedExtractTable(previous: nil, extract: cached, unchangedSinceWritten: folder.isUnchangedSinceWritten) {
            rebuilt.withLock { $0 = true }
            return plain
        }
        let url = try makeTempDirectory("cached-extract-copied-out").appendingPathComponent("ky.arrow")
        try table.write(to: url, metadata: [:], codec: ArrowCheckpointCodec())
        #expect(!rebuilt.withLock { $0 })
        expectSameTable(try ArrowFileReader.read(from: url).table, plain)
    }
}
