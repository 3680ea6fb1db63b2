import ColumnStore
import Foundation
import Publishing
import ReferenceData
import YdelseIO

/// What differs between two run folders of the same month (`ydelse diff A B`): the delivery
/// files, the rows of each normalised source, every changed cell of the measures and
/// published tables, and for each cell the persons or forløb whose rows moved.
public struct RunDiff: Sendable, Codable {
    public var a: String
    public var b: String
    public var month: String
    /// Remarks that qualify the comparison (other tool or stage versions).
    public var warnings: [String]
    public var deliveries: [DeliveryChange]
    public var sources: [SourceChange]
    public var cells: [CellChange]

    /// Whether the measures and published tables are identical.
    public var outputsIdentical: Bool { cells.isEmpty }

    /// A delivery file that differs: present on one side only, or with another size or hash.
    public struct DeliveryChange: Sendable, Hashable, Codable {
        public var name: String
        public var old: DeliveryFile?
        public var new: DeliveryFile?
    }

    /// The rows of one normalised source that differ.
    public struct SourceChange: Sendable, Hashable, Codable {
        public var source: String
        public var added: Int
        public var removed: Int
        /// Keyed sources: keys present on both sides whose record changed.
        public var replaced: Int
        /// The persons (pnr) with a changed row, sorted.
        public var persons: [String]
    }

    /// Compares run folders `a` and `b`.
    public static func compare(_ a: RunFolder, _ b: RunFolder) throws -> RunDiff {
        guard a.manifest.month == b.manifest.month else {
            throw AuditError("the run folders are for different months (\(a.manifest.month) and \(b.manifest.month)); diff compares two runs of the same month")
        }
        var warnings: [String] = []
        if let va = a.toolVersion, let vb = b.toolVersion, va != vb {
            warnings.append("made by different versions of ydelse (\(va) and \(vb)): differences may come from the code, not the data")
        }
        for sa in a.manifest.stages {
            if let sb = b.manifest[stage: sa.name], sb.codeVersion != sa.codeVersion {
                warnings.append("stage \(sa.name) has code version \(sa.codeVersion) in A and \(sb.codeVersion) in B: its differences may come from the code")
            }
        }

        // Deliveries.
        let da = a.deliveries, db = b.deliveries
        var deliveries: [DeliveryChange] = []
        for name in Set(da.keys).union(db.keys).sorted() where da[name] != db[name] {
            deliveries.append(DeliveryChange(name: name, old: da[name], new: db[name]))
        }

        // Normalised sources.
        var sources: [SourceChange] = []
        for layout in SourceCatalog.all {
            guard let (ta, tb) = try a.changedCheckpoints(b, "normalise", layout.name) else { continue }
            let c = SourceRows.compare(ta, tb, key: layout.key)
            if c.added + c.removed + c.replaced > 0 {
                sources.append(SourceChange(source: layout.name, added: c.added, removed: c.removed, replaced: c.replaced,
                                            persons: c.persons))
            }
        }

        // Moved persons and forløb.
        let persons = try MovedUnits.persons(a, b)
        let forloeb = try MovedUnits.forloeb(a, b)

        // Cells.
        var cells: [CellChange] = []
        for path in Set(a.outputTables()).union(b.outputTables()).sorted() {
            let file = String(path.split(separator: "/").last ?? "")
            let ca = try a.csv(path), cb = try b.csv(path)
            for var change in TableDiff.cells(path: path, file: file, a: ca, b: cb) {
                change.persons = persons.landing(in: change, file: file)
                change.forloeb = forloeb.landing(in: change)
                cells.append(change)
            }
        }
        return RunDiff(a: a.url.path, b: b.url.path, month: a.manifest.month, warnings: warnings,
                       deliveries: deliveries, sources: sources, cells: cells)
    }

    /// The JSON form (`--json`).
    public func json() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return try e.encode(self)
    }

    /// Plain text for a terminal.
    public func text() -> String {
        var out = "ydelse diff, month \(month)\n  A: \(a)\n  B: \(b)\n"
        for w in warnings { out += "warning: \(w)\n" }
        out += "\nDeliveries that differ: \(deliveries.isEmpty ? "none" : String(deliveries.count))\n"
        for d in deliveries {
            func show(_ f: DeliveryFile?) -> String {
                guard let f else { return "absent" }
                return "\(f.bytes.map { "\($0) bytes" } ?? "? bytes"), hash \(f.hash ?? "?")"
            }
            out += "  \(d.name): \(show(d.old)) -> \(show(d.new))\n"
        }
        out += "\nRows per source (normalised):\(sources.isEmpty ? " no differences" : "")\n"
        for s in sources {
            out += "  \(s.source): +\(s.added) added, -\(s.removed) removed, \(s.replaced) replaced; persons: \(Self.list(s.persons))\n"
        }
        out += "\nChanged cells: \(cells.count)\n"
        for c in cells {
            let key = c.key.map { "\($0.column)=\($0.value)" }.joined(separator: " ")
            let what: String
            if let col = c.column {
                what = "\(col): \(c.old ?? "") -> \(c.new ?? "")"
            } else {
                what = c.old == nil ? "row added" : "row removed"
            }
            out += "  \(c.table) [\(key)] \(what)\n"
            if !c.persons.isEmpty { out += "      persons: \(Self.list(c.persons))\n" }
            if !c.forloeb.isEmpty { out += "      forløb: \(Self.list(c.forloeb))\n" }
        }
        out += cells.isEmpty ? "\nThe outputs are identical.\n" : "\nThe outputs differ.\n"
        return out
    }

    static func list(_ xs: [String], max: Int = 20) -> String {
        if xs.isEmpty { return "none" }
        let head = xs.prefix(max).joined(separator: ", ")
        return xs.count > max ? "\(head) … (\(xs.count) in all)" : head
    }
}
