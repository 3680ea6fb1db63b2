import ColumnStore
import Foundation
import Testing
import YdelseIO
import TestScratch

/// INPUTS.md "Deliveries": every month from a source's first delivery to M has one file;
/// a missing folder, a gap, no delivery for M and misnamed files are problems naming files.
@Suite struct DeliverySetCheckTests {
    let ky = SourceCatalog.layout(named: "ky")!
    let m = YearMonth(year: 2022, month: 6)

    func folder(_ names: [String]) throws -> String {
        let dir = try TestScratch.folder("dsc")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("ky"), withIntermediateDirectories: true)
        for n in names { FileManager.default.createFile(atPath: dir.appendingPathComponent("ky/\(n)").path, contents: Data()) }
        return dir.path
    }

    func months(_ a: Int, _ b: Int) -> [String] { (a...b).map { "ky_2022\(String(format: "%02d", $0)).csv.gz" } }

    @Test("complete: no problem; later months and dotfiles are ignored")
    func complete() throws {
        let d = try folder(months(1, 7) + [".DS_Store"])
        #expect(try DeliverySetCheck(dataDirectory: d).problems(of: ky, upTo: m).isEmpty)
    }

    @Test("a gap names the missing file; a run of gaps names the first and last and counts them")
    func gaps() throws {
        let d = try folder(months(1, 6).filter { !$0.contains("202203") && !$0.contains("202204") && !$0.contains("202205") } )
        #expect(try DeliverySetCheck(dataDirectory: d).problems(of: ky, upTo: m)
                == ["ky: no deliveries for 2022-03..2022-05 (ky/ky_202203.csv.gz … ky/ky_202205.csv.gz, 3 files, are missing)"])
        let one = try folder(months(1, 6).filter { !$0.contains("202202") })
        #expect(try DeliverySetCheck(dataDirectory: one).problems(of: ky, upTo: m) == ["ky: no delivery for 2022-02 (ky/ky_202202.csv.gz is missing)"])
    }

    @Test("no delivery for M, and none at all up to M")
    func nothingForM() throws {
        let d = try folder(months(1, 5))
        #expect(try DeliverySetCheck(dataDirectory: d).problems(of: ky, upTo: m) == ["ky: no delivery for 2022-06 (ky/ky_202206.csv.gz is missing)"])
        let later = try folder(["ky_202209.csv.gz"])
        #expect(try DeliverySetCheck(dataDirectory: later).problems(of: ky, upTo: m)
                == ["ky: no delivery up to 2022-06 (ky/ky_202206.csv.gz is missing; its first delivery is for 2022-09)"])
    }

    @Test("misnamed files are reported by name", arguments: ["KY_202204.csv.gz", "ky_2022-05.csv.gz", "ky_202203.csv", "ky_202203.dat.gz", "notes.txt"])
    func misnamed(_ name: String) throws {
        let d = try folder(months(1, 6) + [name])
        let p = try DeliverySetCheck(dataDirectory: d).problems(of: ky, upTo: m)
        #expect(p == ["ky/\(name): not a delivery name, so not read (expected ky_YYYYMM.csv.gz)"])
    }

    @Test("a missing source folder names it")
    func missingFolder() throws {
        let d = try folder([])
        let fleur = SourceCatalog.layout(named: "fleur")!
        let p = try DeliverySetCheck(dataDirectory: d).problems(of: fleur, upTo: m)
        #expect(p.count == 1 && p[0].contains("the source folder \(d)/fleur is missing") && p[0].contains("fleur/fleur_202206.dat.gz"))
    }

    @Test("the first delivery month over all sources")
    func firstMonth() throws {
        let d = try folder(months(3, 6))
        #expect(DeliverySetCheck(dataDirectory: d).firstDeliveryMonth(SourceCatalog.all) == YearMonth(year: 2022, month: 3))
    }
}
