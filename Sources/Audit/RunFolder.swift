import ArrowIPC
import ColumnStore
import Foundation
import Pipeline
import Publishing

/// A finished run folder `OUT/YYYYMM` opened for reading: its run.json, checkpoints and
/// output files. Nothing is recomputed.
public struct RunFolder: Sendable {
    public let url: URL
    public let manifest: RunManifest
    /// The delivery files the run read, as run.json lists them (name → size and hash).
    public let deliveries: [String: DeliveryFile]
    /// The tool version recorded in run.json, if any.
    public let toolVersion: String?

    /// Opens `url`; throws when it is not a run folder (no readable run.json).
    public init(_ url: URL) throws {
        self.url = url
        let file = url.appendingPathComponent(RunManifest.fileName)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
            throw AuditError("\(url.path) is not a folder; give a run folder OUT/YYYYMM")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw AuditError("\(url.path) is not a run folder: it has no run.json")
        }
        do {
            manifest = try RunManifest.decode(data)
        } catch {
            throw AuditError("cannot read \(file.path): it was written by another version of ydelse or is damaged (\(error))")
        }
        deliveries = Dictionary(uniqueKeysWithValues: manifest.inputs.map { name, r in
            (name, DeliveryFile(name: name, bytes: r.bytes, hash: r.hash.hex))
        })
        toolVersion = "\(manifest.tool.version) (\(manifest.tool.commit))"
    }

    /// The checkpoint of `table` of `stage`, or nil when the run has none.
    public func checkpoint(_ stage: String, _ table: String) throws -> Table? {
        let u = url.appendingPathComponent("checkpoints/\(stage)/\(table).arrow")
        guard FileManager.default.fileExists(atPath: u.path) else { return nil }
        return try ArrowFileReader.read(from: u).table
    }

    /// The checkpoint of `table` of `stage` in this run folder and in `other` (nil where absent),
    /// or nil when both hold the same table: the same file bytes (not even decoded), or decoded
    /// tables stored alike (``ColumnStore/Table/isIdentical(to:)``; the files of two runs differ
    /// in their metadata, the stage's fingerprint). ``RunDiff`` compares row by row only what this
    /// returns: at 1,000,000 persons the normalised tables alone are 180 M rows, which took
    /// `diff` more than ten minutes although the two runs were the same.
    public func changedCheckpoints(_ other: RunFolder, _ stage: String, _ table: String) throws -> (Table?, Table?)? {
        let path = "checkpoints/\(stage)/\(table).arrow"
        if try Self.sameBytes(url.appendingPathComponent(path), other.url.appendingPathComponent(path)) { return nil }
        let a = try checkpoint(stage, table), b = try other.checkpoint(stage, table)
        if let a, let b, a.isIdentical(to: b) { return nil }
        if a == nil && b == nil { return nil }
        return (a, b)
    }

    /// Whether files `a` and `b` both exist and hold the same bytes.
    static func sameBytes(_ a: URL, _ b: URL) throws -> Bool {
        let fm = FileManager.default
        guard let sa = (try? fm.attributesOfItem(atPath: a.path))?[.size] as? Int,
              let sb = (try? fm.attributesOfItem(atPath: b.path))?[.size] as? Int, sa == sb else { return false }
        let ha = try FileHandle(forReadingFrom: a), hb = try FileHandle(forReadingFrom: b)
        defer { try? ha.close(); try? hb.close() }
        while true {
            let ca = try ha.read(upToCount: 8 << 20) ?? Data(), cb = try hb.read(upToCount: 8 << 20) ?? Data()
            if ca != cb { return false }
            if ca.isEmpty { return true }
        }
    }

    /// The output CSV files under `measures/` and `published/`, as relative paths, sorted.
    public func outputTables() -> [String] {
        var out: [String] = []
        for dir in ["measures", "published"] {
            let d = url.appendingPathComponent(dir)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: d.path)) ?? []
            out += names.filter { $0.hasSuffix(".csv") && !$0.hasPrefix(".") }.map { "\(dir)/\($0)" }
        }
        return out.sorted()
    }

    /// The CSV file at `path` (relative), nil when absent.
    public func csv(_ path: String) throws -> CSVTable? {
        let u = url.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: u.path) else { return nil }
        guard let text = String(data: data, encoding: .utf8) else { throw AuditError("\(u.path) is not UTF-8") }
        do {
            return try CSVTable.parse(text)
        } catch {
            throw AuditError("cannot read \(u.path): \(error)")
        }
    }


}

/// A delivery file as recorded in run.json.
public struct DeliveryFile: Sendable, Hashable, Codable {
    public var name: String
    public var bytes: Int?
    public var hash: String?
}

/// A run folder could not be read or compared.
public struct AuditError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
