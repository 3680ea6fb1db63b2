import ColumnStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses one delivery file of a ``SourceLayout`` into a typed table.
///
/// Checks the delivery's frame — the header of a delimited file, the start
/// record of a fixed-width one, the trailer and its count, the gzip stream —
/// and refuses the delivery when any is wrong. Bad data records become
/// ``Reject``s; they add no row but do count as data lines for the trailer.
///
/// A parser is immutable and can be shared by threads; each ``parse(path:deliveryMonth:deliveryIndex:)``
/// call has its own state.
public struct DeliveryParser: Sendable {
    public let layout: SourceLayout
    let plan: RecordPlan
    /// Bytes read per `read` call and handed to the line splitter per chunk.
    public var inputChunkSize = 1 << 20
    public var outputChunkSize = 256 << 10

    public init(layout: SourceLayout) {
        self.layout = layout
        plan = RecordPlan(layout: layout)
    }

    /// Parses the delivery at `path`.
    ///
    /// - Parameters:
    ///   - deliveryMonth: the month in the file name; for FLEUR it must equal the
    ///     start record's delivery month. `nil` skips that check.
    ///   - deliveryIndex: the value of the `_delivery` column.
    /// - Returns: the rows read (also when the delivery is refused: the caller decides),
    ///   the rejects, and the refusal if any. Never throws: every problem with
    ///   the file is a refusal naming it.
    public func parse(path: String, deliveryMonth: YearMonth? = nil, deliveryIndex: Int32 = 0) -> ParsedDelivery {
        let (parsed, buffers) = parseBuffers(path: path, deliveryMonth: deliveryMonth)
        var result = parsed
        result.table = buffers.table(delivery: deliveryIndex, plan: plan)
        return result
    }

    /// Parses the delivery, leaving its rows in buffers (``ParsedDelivery/table``
    /// is empty): the extractor appends them to the source's table in delivery
    /// order and then hands the buffers back as `reusing` for another delivery.
    func parseBuffers(path: String, deliveryMonth: YearMonth?, reusing: ColumnBuffers? = nil) -> (ParsedDelivery, ColumnBuffers) {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        var buffers = reusing ?? ColumnBuffers(plan: plan, reservingRows: estimatedRows(compressedBytes: Self.fileSize(path)))
        buffers.reset()
        var state = FrameState(plan: plan, file: file, deliveryMonth: deliveryMonth, buffers: buffers)
        let reader = LineReader(path: path, inputChunkSize: inputChunkSize, outputChunkSize: outputChunkSize)
        var totals = GzipReader.Totals(compressedBytes: 0, inflatedBytes: 0, members: 0)
        var refusal: String?
        do {
            totals = try reader.forEachBlock { block in
                try state.consume(block)
            }
            refusal = state.endOfFileRefusal()
        } catch let stop as FrameState.Refused {
            refusal = stop.message
        } catch let error as IOError {
            switch error {
            case .cannotOpen: refusal = "cannot open the file"
            case .truncated(_, let offset): refusal = "truncated gzip stream at byte \(offset)"
            case .zlib(_, let offset, let message): refusal = "corrupt gzip stream at byte \(offset): \(message)"
            }
        } catch {
            refusal = "\(error)"
        }
        if refusal != nil, totals.compressedBytes == 0 {
            totals.compressedBytes = Self.fileSize(path)
        }
        let parsed = ParsedDelivery(
            source: layout.name, file: file, path: path,
            table: Table(empty: layout.extractSchema), rows: state.records.buffers.rows,
            rejects: state.records.rejects, dataLines: state.dataLines, totals: totals,
            refusal: refusal.map { Refusal(source: layout.name, file: file, path: path, message: $0) })
        return (parsed, state.records.buffers)
    }

    /// Rows to reserve for a delivery of `compressedBytes`, so its buffers
    /// rarely grow: enough for a compression ratio of 8 with lines as long as
    /// the header (delimited) or the record (fixed width). Memory reserved but
    /// never written costs no pages.
    func estimatedRows(compressedBytes: Int) -> Int {
        compressedBytes * 8 / ((plan.recordLength ?? plan.header.count) + 1)
    }

    /// The size of the file at `path` in bytes, 0 when it cannot be read.
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}

/// What parsing one delivery produced.
public struct ParsedDelivery: Sendable {
    public var source: String
    /// The file's name, e.g. `ky_202301.csv.gz`.
    public var file: String
    public var path: String
    /// Rows of the accepted data records, schema `layout.extractSchema`.
    public var table: Table
    /// Number of rows (accepted data records).
    public var rows: Int
    public var rejects: [Reject]
    /// Data lines (records) read, rejected ones included: what the trailer counts.
    public var dataLines: Int
    /// Compressed and inflated byte counts. For a refused delivery the
    /// compressed count is the file size and the inflated count 0.
    public var totals: GzipReader.Totals
    /// Set when the delivery is refused whole; ``table`` then holds the rows read before the problem.
    public var refusal: Refusal?
    /// Whether it came from a ``DeliveryCache`` instead of being parsed.
    public var cached = false
}

/// The frame of a delivery around its data records: header or start record,
/// data lines, trailer. Hands runs of data lines to a ``RecordParser``, which
/// scans them in one pass and stops at a trailer; the frame lines are taken
/// one at a time.
struct FrameState {
    /// Stops reading: the delivery is refused.
    struct Refused: Error { var message: String }

    enum Phase { case start, data, afterTrailer }

    let plan: RecordPlan
    let deliveryMonth: YearMonth?
    var records: RecordParser
    var phase = Phase.start
    /// Physical lines read so far: the number of the last line.
    var lineNumber = 0
    var dataLines = 0
    var trailerCount: Int?

    init(plan: RecordPlan, file: String, deliveryMonth: YearMonth?, buffers: ColumnBuffers) {
        self.plan = plan
        self.deliveryMonth = deliveryMonth
        records = RecordParser(plan: plan, file: file, buffers: buffers)
    }

    /// Reads a block of whole lines (see ``LineReader``).
    mutating func consume(_ block: UnsafeRawBufferPointer) throws {
        guard var p = block.baseAddress else { return }
        let end = p + block.count
        while p < end {
            if phase == .data {
                let first = lineNumber
                p = if let length = plan.recordLength {
                    records.parseFixedLines(p, end, recordLength: length, lineNumber: &lineNumber)
                } else {
                    records.parseDelimitedLines(p, end, lineNumber: &lineNumber)
                }
                dataLines += lineNumber - first
                if p == end { return }
            }
            let (line, next) = LineSplitter.line(at: p, in: end)
            lineNumber += 1
            try consume(line, number: lineNumber)
            p = next
        }
    }

    /// One frame line: the header or start record, the trailer (where the
    /// record parser stopped), or a line after the trailer.
    private mutating func consume(_ line: UnsafeRawBufferPointer, number: Int) throws {
        switch phase {
        case .data:
            if let length = plan.recordLength {
                trailerCount = try fixedTrailer(line, number: number, recordLength: length)
            } else {
                trailerCount = try delimitedTrailer(line, number: number)
            }
            phase = .afterTrailer
        case .start:
            if let length = plan.recordLength {
                try checkStartRecord(line, recordLength: length)
            } else if !line.elementsEqual(plan.header) {
                throw Refused(message: "header does not match: expected \"\(String(decoding: plan.header, as: UTF8.self))\", found \"\(Self.text(line))\"")
            }
            phase = .data
        case .afterTrailer:
            throw Refused(message: "line \(number) follows the trailer")
        }
    }

    /// The refusal due at the end of the file, if any.
    func endOfFileRefusal() -> String? {
        let noun = plan.recordLength == nil ? "data lines" : "data records"
        switch phase {
        case .start:
            return plan.recordLength == nil ? "empty delivery: no header" : "missing start record"
        case .data:
            return "missing trailer"
        case .afterTrailer:
            if let count = trailerCount, count != dataLines {
                return "trailer count \(count) does not match \(dataLines) \(noun)"
            }
            return nil
        }
    }

    /// `*EOF*;N`.
    private func delimitedTrailer(_ line: UnsafeRawBufferPointer, number: Int) throws -> Int {
        let n = line.count
        guard n > 6, let p = line.baseAddress, ByteParsers.byte(p, 5) == 0x3B, n - 6 <= 12,
              let count = ByteParsers.digits(p, 6, n - 6) else {
            throw Refused(message: "malformed trailer at line \(number): \"\(Self.text(line))\"")
        }
        return count
    }

    /// `9999` + 10-digit count + spaces to the record length.
    private func fixedTrailer(_ line: UnsafeRawBufferPointer, number: Int, recordLength: Int) throws -> Int {
        guard line.count == recordLength, let p = line.baseAddress, let count = ByteParsers.digits(p, 4, 10),
              ByteParsers.isBlank(p + 14, recordLength - 14) else {
            throw Refused(message: "malformed trailer at line \(number): \"\(Self.text(line))\"")
        }
        return count
    }

    /// `0001` `FLEUR` YYYYMM YYYYMMDD spaces.
    private func checkStartRecord(_ line: UnsafeRawBufferPointer, recordLength: Int) throws {
        let tag = plan.source.uppercased()
        let tagLength = tag.utf8.count
        let monthAt = 4 + tagLength
        guard line.count == recordLength, let p = line.baseAddress, Self.startsWith(line, "0001" + tag),
              let month = ByteParsers.compactMonth(p + monthAt, 6),
              ByteParsers.compactDate(p + monthAt + 6, 8) != nil,
              ByteParsers.isBlank(p + monthAt + 14, recordLength - monthAt - 14) else {
            throw Refused(message: "missing start record: line 1 is \"\(Self.text(line))\"")
        }
        if let expected = deliveryMonth, month != expected {
            throw Refused(message: "start record is for \(month.compact), the file name says \(expected.compact)")
        }
    }

    private static func startsWith(_ line: UnsafeRawBufferPointer, _ prefix: String) -> Bool {
        let bytes = prefix.utf8
        return line.count >= bytes.count && zip(line, bytes).allSatisfy { $0 == $1 }
    }

    /// A line for a message: decoded, cut to 100 characters.
    private static func text(_ line: UnsafeRawBufferPointer) -> String {
        let s = String(decoding: line, as: UTF8.self)
        return s.count > 100 ? String(s.prefix(100)) + "…" : s
    }
}
