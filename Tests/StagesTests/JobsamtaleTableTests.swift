import ColumnStore
import Publishing
import Testing
@testable import Stages

/// The aggregation of measured persons into `jobsamtaler.csv` on a handful of made-up persons,
/// with the expected rows written out by hand (MEAS-1..5, KOM-3, POP-7, INT-2, row order).
@Suite struct JobsamtaleTableTests {
    typealias Entry = JobsamtaleTable.Entry

    @Test("KOM-3 unknown kommune only in I alt; POP-7 only the flagged row in the all-groups total; 12+ counted once; exempt in fritagne")
    func smallTable() throws {
        let twelve = "12 måneder og derover"
        let entries = [
            // A: AD in 101, 2 talks, "1 måned"; also KH in 101 (POP-7 spell), 7 talks, 12+ "1 – 2 år".
            Entry(kommune: "101", group: "A-dagpenge", labels: ["1 måned", "Under 12 måneder"], talks: 2, exempt: false, allGroups: false),
            Entry(kommune: "101", group: "Kontanthjælp", labels: [twelve, twelve, "1 – 2 år"], talks: 7, exempt: false, allGroups: true),
            // B: KH, unknown kommune, exempt, "1 måned".
            Entry(kommune: nil, group: "Kontanthjælp", labels: ["1 måned", "Under 12 måneder"], talks: nil, exempt: true, allGroups: true),
        ]
        let csv = JobsamtaleTable(month: ym("2023-06"), entries: entries).csv
        let expected = """
            maaned;kommune;ydelsesgruppe;varighed;samtaler_0;samtaler_1;samtaler_2;samtaler_3;samtaler_4;samtaler_5plus;personer;faerre_end_4;andel_faerre_end_4;fritagne
            2023M06;101;A-dagpenge;Under 12 måneder;0;0;1;0;0;0;1;1;100,00;0
            2023M06;101;A-dagpenge;1 måned;0;0;1;0;0;0;1;1;100,00;0
            2023M06;101;A-dagpenge;I alt;0;0;1;0;0;0;1;1;100,00;0
            2023M06;101;Kontanthjælp;12 måneder og derover;0;0;0;0;0;1;1;0;0,00;0
            2023M06;101;Kontanthjælp;1 – 2 år;0;0;0;0;0;1;1;0;0,00;0
            2023M06;101;Kontanthjælp;I alt;0;0;0;0;0;1;1;0;0,00;0
            2023M06;101;I alt;12 måneder og derover;0;0;0;0;0;1;1;0;0,00;0
            2023M06;101;I alt;1 – 2 år;0;0;0;0;0;1;1;0;0,00;0
            2023M06;101;I alt;I alt;0;0;0;0;0;1;1;0;0,00;0
            2023M06;I alt;A-dagpenge;Under 12 måneder;0;0;1;0;0;0;1;1;100,00;0
            2023M06;I alt;A-dagpenge;1 måned;0;0;1;0;0;0;1;1;100,00;0
            2023M06;I alt;A-dagpenge;I alt;0;0;1;0;0;0;1;1;100,00;0
            2023M06;I alt;Kontanthjælp;Under 12 måneder;0;0;0;0;0;0;0;0;;1
            2023M06;I alt;Kontanthjælp;1 måned;0;0;0;0;0;0;0;0;;1
            2023M06;I alt;Kontanthjælp;12 måneder og derover;0;0;0;0;0;1;1;0;0,00;0
            2023M06;I alt;Kontanthjælp;1 – 2 år;0;0;0;0;0;1;1;0;0,00;0
            2023M06;I alt;Kontanthjælp;I alt;0;0;0;0;0;1;1;0;0,00;1
            2023M06;I alt;I alt;Under 12 måneder;0;0;0;0;0;0;0;0;;1
            2023M06;I alt;I alt;1 måned;0;0;0;0;0;0;0;0;;1
            2023M06;I alt;I alt;12 måneder og derover;0;0;0;0;0;1;1;0;0,00;0
            2023M06;I alt;I alt;1 – 2 år;0;0;0;0;0;1;1;0;0,00;0
            2023M06;I alt;I alt;I alt;0;0;0;0;0;1;1;0;0,00;1

            """
        #expect(csv.text == expected)
    }

    @Test("SPELL-7 groups from 2025M07 sort Kontanthjælp before its sats groups; MEAS-4 two decimals half up")
    func groupsAndShares() throws {
        let e = { (g: String, t: Int) in Entry(kommune: "147", group: g, labels: ["2 måneder", "Under 12 måneder"], talks: t, exempt: false, allGroups: false) }
        let t = JobsamtaleTable(month: ym("2025-08"), entries: [
            e("Kontanthjælp, højeste sats", 4), e("Kontanthjælp, grundsats", 1), e("Kontanthjælp", 0),
            e("Kontanthjælp, mindste sats", 3), e("Kontanthjælp, mindste sats", 5), e("Kontanthjælp, mindste sats", 9),
        ])
        let rows = t.csv.rows.filter { $0[1] == "147" && $0[3] == "I alt" }.map { [$0[2], $0[10], $0[11], $0[12]] }
        #expect(rows == [["Kontanthjælp", "1", "1", "100,00"], ["Kontanthjælp, mindste sats", "3", "1", "33,33"],
                         ["Kontanthjælp, grundsats", "1", "1", "100,00"], ["Kontanthjælp, højeste sats", "1", "0", "0,00"]])
        #expect(t.csv.rows.allSatisfy { $0[0] == "2025M08" })
    }
}
