import ColumnStore

/// The declared layout of one source (one folder of a data directory).
public struct SourceLayout: Sendable, Equatable {
    public enum Format: Sendable, Equatable {
        /// `;`-separated with a header line and an `*EOF*;N` trailer.
        case delimited
        /// FLEUR: fixed-length records with a start record (`0001`) and a trailer (`9999` + 10-digit count).
        case fixedWidth(recordLength: Int)
    }

    /// Folder name and file prefix, e.g. `fleur`.
    public var name: String
    /// File extension before `.gz`, e.g. `dat` or `csv`.
    public var fileExtension: String
    public var format: Format
    /// Fields in file order. For delimited files these are also the header.
    public var fields: [FieldSpec]
    /// The key column for keyed sources: a later record with the same key replaces an earlier one.
    public var key: String?
    public var checks: [RecordCheck]

    public init(name: String, fileExtension: String, format: Format, fields: [FieldSpec], key: String?, checks: [RecordCheck] = []) {
        self.name = name
        self.fileExtension = fileExtension
        self.format = format
        self.fields = fields
        self.key = key
        self.checks = checks
    }

    /// Header line of a delimited file.
    public var header: String { fields.map(\.name).joined(separator: ";") }

    /// The columns an extracted table of this source has: every stored field
    /// (literals are not stored), then the provenance columns
    /// `_delivery` (int32: index of the delivery file in ascending month order)
    /// and `_line` (int32: 1-based line number in that file, null where it is the line after
    /// the row before's: ``ExtractLines``).
    public var extractSchema: Schema {
        var fs: [Field] = fields.compactMap { f in f.kind.columnType.map { Field(f.name, $0, nullable: f.optional) } }
        fs.append(Field("_delivery", .int32))
        fs.append(Field(ExtractLines.name, .int32, nullable: true))
        return schema(fs)
    }

    private func schema(_ f: [Field]) -> Schema { Schema(f) }

    /// The delivery file name for a month: `<name>_<YYYYMM>.<ext>.gz`.
    public func fileName(for month: YearMonth) -> String { "\(name)_\(month.compact).\(fileExtension).gz" }
}
