import ColumnStore
import Foundation
import Testing

/// Persons of `sample-data/` traced by hand through the jobsamtaler measurement (WIN, TALK,
/// EXEMPT, POP-7) from the delivery lines (`gzip -dc`) and RULES.md; each test asserts the
/// `jobsamtaler/maalte` row of the sample run equals the hand values. Corona dead period
/// 2020-03-01..06-30 = 122 days (DEAD-1).
@Suite struct JobsamtalerHandTracedTests {
    static func maalte(_ month: String, _ pnr: String) async throws -> [String: String] {
        let rows = records(try await sampleRun(month).table("jobsamtaler", "maalte"), pnr: pnr)
        try #require(rows.count == 1, "\(pnr) in \(month): \(rows.count) rows")
        return rows[0]
    }

    @Test("2020-10 JAF 0217540527: 719 days, WIN-2 window from 2019-07-02 across the dead period, 4 talks")
    func jaf202010() async throws {
        // ky JAF monthly lines 2018-07-14..2020-11-17, gaps 2019-02-28→03-17 and 2019-12-31→2020-01-18
        //   hold no whole calendar month → one spell from 2018-07-14 (SPELL-3). bopael 260 (open).
        // dur(σ, E = 2020-10-31) = days(2018-07-14..2020-10-31) − 122 dead
        //   = (171 in 2018 + 365 + 305 in 2020) − 122 = 841 − 122 = 719 → 12+, "1 – 2 år".
        // WIN-2: N = days(2019-11-01..2020-10-31) = 366 (leap February).
        //   Non-dead from E back: 2020-07-01..10-31 = 123; 2020-01-01..02-29 = 60 → 183;
        //   2019-08-01..12-31 = 153 → 336; 30 more from July 2019: 2019-07-02..07-31 → Ws = 2019-07-02.
        // samtale JOB lines in [Ws, E]: 2019-10-21 P AA, 2019-10-31 P JC, 2020-08-04 P JC,
        //   2020-09-17 P JC → 4 (all P; none on a code 1/90 day or in 2020-03-12..05-26).
        //   Earlier lines (2018-07-17 … 2019-06-04) lie before Ws. F1 = 2018-07-17.
        // No fravaer in W → share 0.
        let r = try await Self.maalte("2020-10", "0217540527")
        #expect(r["ydelsesgruppe"] == "Jobafklaring" && r["kommune"] == "260")
        #expect(r["forloeb_start"] == "2018-07-14" && r["sidste_dag"] == "2020-10-31" && r["varighed_dage"] == "719")
        #expect(r["varighed"] == "12 måneder og derover" && r["aarsbaand"] == "1 – 2 år")
        #expect(r["vindue_start"] == "2019-07-02" && r["maalevindue_start"] == "2019-07-02")
        #expect(r["samtaler"] == "4" && r["taelte_datoer"] == "2019-10-21,2019-10-31,2020-08-04,2020-09-17")
        #expect(r["foerste_jobsamtale"] == "2018-07-17")
        #expect(r["fritaget"] == "false" && r["fritagelsesandel"] == "0.00" && r["alle_grupper"] == "true")
    }

    @Test("2020-10 KH 1320701607: 216 days, ferie share 111/216 = 51.4 % >= 50 % → exempt, no talk count")
    func exempt202010() async throws {
        // ky KH 2019-11-29..2020-12-31 (gap 2020-02-29→03-16, no whole month) → spell from 2019-11-29.
        // dur(E = 2020-10-31) = days(2019-11-29..2020-10-31) 338 − 122 dead = 216 → "7 måneder".
        // 216 < 365 → W = [2019-11-29, 2020-10-31] (WIN-1); non-dead days in W = 216.
        // fravaer code 10 (ferie, counts for KH) 2020-02-09..2020-09-28; its non-dead days:
        //   2020-02-09..02-29 = 21, 2020-07-01..09-28 = 90 → 111.
        // EXEMPT-2: 111/216 = 0.5139; M = 2020-10 <= 2023-12 → exempt at >= 50 % (EXEMPT-3).
        let r = try await Self.maalte("2020-10", "1320701607")
        #expect(r["ydelsesgruppe"] == "Kontanthjælp" && r["varighed_dage"] == "216" && r["varighed"] == "7 måneder")
        #expect(r["vindue_start"] == "2019-11-29" && r["fritaget"] == "true")
        #expect(r["fritagelsesandel"] == String(format: "%.2f", 111.0 / 216.0))
        #expect(r["samtaler"] == "" && r["taelte_datoer"] == "")
        let run = try await sampleRun("2020-10")
        let maalte = try run.table("jobsamtaler", "maalte")
        let row = rows(of: maalte, where: { $0 == "1320701607" })[0]
        #expect(abs(maalte.column("fritagelsesandel").float64Values[row] - 111.0 / 216.0) < 1e-12)
    }

    @Test("2022-03 KH 0217540527: 326 days, COVID windows, Skema 2 Halsnæs D and TALK-6b → 8 talks")
    func kh202203() async throws {
        // ky KH 2021-05-10..2022-03-31 (gap 05-31→06-14) → spell from 2021-05-10, after the JAF
        //   spell ended 2020-11-17. dur = 22 (May) + 214 (Jun-Dec) + 90 (Jan-Mar) = 326 → "10 måneder".
        // W = [2021-05-10, 2022-03-31]. JOB lines:
        //   2021-05-24 T  → TALK-6a COVID window 2020-05-27..2021-08-31: counts
        //   2021-07-28 D  → TALK-6a: counts
        //   2021-09-10 P  → counts (the CV line that day adds nothing, TALK-1)
        //   2021-09-17 D  → no COVID, before 2022; samtale.kommune 260 Halsnæs has Skema 2 D to
        //                   2021-12-31, afholder JC → counts (TALK-7)
        //   2021-10-22 P, 2021-10-29 P (AA) → count
        //   2022-01-24 T  → TALK-6a window 2021-12-19..2022-01-31 (and TALK-6b: dur 260 >= 183): counts
        //   2022-03-21 P  → counts                                                          = 8
        let r = try await Self.maalte("2022-03", "0217540527")
        #expect(r["ydelsesgruppe"] == "Kontanthjælp" && r["varighed_dage"] == "326" && r["varighed"] == "10 måneder")
        #expect(r["vindue_start"] == "2021-05-10" && r["samtaler"] == "8")
        #expect(r["taelte_datoer"] == "2021-05-24,2021-07-28,2021-09-10,2021-09-17,2021-10-22,2021-10-29,2022-01-24,2022-03-21")
        #expect(r["fritaget"] == "false")
    }

    @Test("2023-06 REV 0217540527: FREV joins REV, 188 days, ferie 82/188 = 43.6 % < 50 %, 2 talks")
    func rev202306() async throws {
        // ky FREV 2022-12-25..2023-02-28, REV 2023-03-01..06-30 → one REV spell (SPELL-6) from
        //   2022-12-25; KH ended 2022-12-07 (another group). dur = 7 + 31+28+31+30+31+30 = 188 → "6 måneder".
        // fravaer code 10 from 2023-04-10, open → cut at last(M): 21 + 31 + 30 = 82 exempt days;
        //   82/188 = 0.436 < 0.50 (M <= 2023-12) → measured.
        // JOB lines from 2022-12-25: 2023-01-30 T AA = F1 (TALK-9) — before 2023-03-22 so TALK-6:
        //   no COVID window, TALK-6b needs dur 37 >= 183, no tilbud, Halsnæs' Skema 2 ended 2021 → no;
        //   2023-05-04 P, 2023-06-26 P → 2.
        let r = try await Self.maalte("2023-06", "0217540527")
        #expect(r["ydelsesgruppe"] == "Revalidering" && r["forloeb_start"] == "2022-12-25")
        #expect(r["varighed_dage"] == "188" && r["varighed"] == "6 måneder")
        #expect(r["fritagelsesandel"] == String(format: "%.2f", 82.0 / 188.0) && r["fritaget"] == "false")
        #expect(r["foerste_jobsamtale"] == "2023-01-30" && r["taelte_datoer"] == "2023-05-04,2023-06-26" && r["samtaler"] == "2")
    }

    @Test("2023-06 AD 0015792777: 480.99 h; first jobsamtale by phone after 2023-03-22 fails (TALK-5)")
    func ad202306() async throws {
        // taeller T-2: foerste_dag 2023-04-03, open, H. FLEUR 01: 2023-04-03..04-30, May, June,
        //   each 16033 → 3 × 160.33 = 480.99 h → "3 måneder". W = [2023-04-03, 2023-06-30].
        // samtale: 2023-04-13 JOB T JC, kommune 860 (Hjørring) = F1; from 2023-03-22 F1 must be in
        //   person unless Skema 2 allows it: Hjørring allows D only → not counted → 0 talks.
        // tilmelding 2023-03-21 lies within 3 months before the start, but TALK-10 applies only to
        //   spells starting from 2024-01-01 → vindue_start stays 2023-04-03.
        let r = try await Self.maalte("2023-06", "0015792777")
        #expect(r["ydelsesgruppe"] == "A-dagpenge" && r["kommune"] == "860")
        #expect(r["varighed_timer"] == "480.99" && r["varighed"] == "3 måneder")
        #expect(r["vindue_start"] == "2023-04-03" && r["foerste_jobsamtale"] == "2023-04-13")
        #expect(r["samtaler"] == "0" && r["taelte_datoer"] == "")
    }
}
