import ColumnStore
import Foundation
@testable import YdelseIO

/// Builds delivery files in a fresh temporary directory with the project's ``GzipWriter``.
final class Fixtures {
    let directory: String

    init() {
        directory = NSTemporaryDirectory() + "ydelseio-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Path of `name` inside the fixture directory (subfolders are created).
    func path(_ name: String) -> String {
        let p = (directory as NSString).appendingPathComponent(name)
        try! FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        return p
    }

    /// Gzips `text` (as is, no line ends added) into `name`; returns the path.
    @discardableResult
    func gzip(_ name: String, _ text: String) -> String {
        gzip(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func gzip(_ name: String, bytes: [UInt8]) -> String {
        let p = path(name)
        let w = try! GzipWriter(path: p)
        bytes.withUnsafeBytes { try! w.write(bytes: $0) }
        try! w.finish()
        return p
    }

    /// Several gzip members, one per part, concatenated in one file.
    @discardableResult
    func multiMember(_ name: String, _ parts: [String]) -> String {
        var all: [UInt8] = []
        for (i, part) in parts.enumerated() {
            let tmp = gzip("member-\(i)-\(UUID().uuidString).gz", part)
            all += try! Data(contentsOf: URL(fileURLWithPath: tmp))
            try! FileManager.default.removeItem(atPath: tmp)
        }
        let p = path(name)
        try! Data(all).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// A delimited delivery: header, lines, and the trailer `*EOF*;N` (N = lines.count
    /// unless `trailerCount` says otherwise; `nil` trailer when `trailer` is false).
    @discardableResult
    func delimited(_ name: String, layout: SourceLayout, _ lines: [String], trailerCount: Int? = nil,
                   trailer: Bool = true, lineEnd: String = "\n") -> String {
        var all = [layout.header] + lines
        if trailer { all.append("*EOF*;\(trailerCount ?? lines.count)") }
        return gzip(name, all.joined(separator: lineEnd) + lineEnd)
    }

    func bytes(_ path: String) -> [UInt8] { [UInt8](try! Data(contentsOf: URL(fileURLWithPath: path))) }

    func write(_ path: String, bytes: [UInt8]) { try! Data(bytes).write(to: URL(fileURLWithPath: path)) }
}

/// FLEUR records (INPUTS.md), 80 characters each.
enum Fleur {
    static func start(month: String = "202301", created: String = "20230203") -> String {
        pad("0001FLEUR" + month + created)
    }

    static func record(pnr: String = "0101901234", akasse: String = "01", fra: String = "20230101",
                       til: String = "20230131", type: String = "01", timer: String = "0016033",
                       fradrag: String = "0000000", forsikring: String = "H", kommune: String = "101",
                       udbetaling: String = "20230205", fortegn: String = "+") -> String {
        pad("1001" + pnr + akasse + fra + til + type + timer + fradrag + forsikring + kommune + udbetaling + fortegn)
    }

    static func trailer(_ count: Int) -> String {
        let digits = String(count)
        return pad("9999" + String(repeating: "0", count: 10 - digits.count) + digits)
    }

    static func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, 80 - s.count)) }

    static func file(_ records: [String], month: String = "202301", trailerCount: Int? = nil) -> String {
        ([start(month: month)] + records + [trailer(trailerCount ?? records.count)]).joined(separator: "\n") + "\n"
    }
}

extension Table {
    /// Column values as display text (nil for null), for compact assertions.
    func texts(_ name: String) -> [String?] {
        let c = column(name)
        return (0..<c.count).map { c.text(at: $0) }
    }
}

func day(_ iso: String) -> Int32 { Day(iso: iso)!.rawValue }
