import Testing
@testable import Publishing

/// RULES.md DISC-1..5 one by one, with the seed examples (TV-36, TV-38, TV-39).
@Suite struct DiscretionTests {
    @Test("DISC-1 counts 1 and 2 are shown as *, 3 and more as the number")
    func disc1() {
        for z in ZeroSymbol.allCases {
            #expect(Discretion.count(1, zero: z) == "*")
            #expect(Discretion.count(2, zero: z) == "*")
            #expect(Discretion.count(3, zero: z) == "3")
        }
    }

    @Test("DISC-2 the zero symbol of each table: Bilag 1/2 and 2.3 `0`, Bilag 3 `*`, Måling tables of persons `.`")
    func disc2() {
        #expect(Discretion.count(0, zero: .zero) == "0")
        #expect(Discretion.count(0, zero: .star) == "*")
        #expect(Discretion.count(0, zero: .dot) == ".")
        // TV-38: a Bilag 3b cell of 0 is shown as *.
        #expect(MeasureCell.count(0).published(PublishedStyle(zero: .star)) == "*")
    }

    @Test("DISC-3 / TV-38 totals from undiscretised counts: Ærø 1,0,0,2,0 → * 0 0 * 0 3; Dragør 0,1,0,0,0 → 0 * 0 0 0 *")
    func disc3() {
        func row(_ counts: [Int]) -> [String] {
            (counts + [counts.reduce(0, +)]).map { MeasureCell.count($0).published(PublishedStyle(zero: .zero)) }
        }
        #expect(row([1, 0, 0, 2, 0]) == ["*", "0", "0", "*", "0", "3"])
        #expect(row([0, 1, 0, 0, 0]) == ["0", "*", "0", "0", "0", "*"])
    }

    @Test("DISC-4 shares from exact counts: basis 0 → `.` (NaN in 2.3), basis 1-2 → *, else percent")
    func disc4() {
        #expect(Discretion.share(nil, basis: 0) == ".")
        #expect(Discretion.share(nil, basis: 0, undefined: .nan) == "NaN")
        #expect(Discretion.share(0.5, basis: 2) == "*")
        #expect(Discretion.share(1.0, basis: 1, undefined: .nan) == "*")
        #expect(Discretion.share(1.0 / 3.0, basis: 3) == "33")
        // A small numerator over a large basis is shown (only the basis is discretised).
        #expect(MeasureCell.share(1, of: 200).published(PublishedStyle(zero: .dot)) == "1")
        // Averages are treated like shares: over none `.`, over 1-2 forløb *.
        #expect(Discretion.average(nil, basis: 0) == ".")
        #expect(Discretion.average(3.0, basis: 2) == "*")
        #expect(MeasureCell.average(sum: 8, count: 3).published(PublishedStyle(zero: .dot)) == "2,7")
        // measures/: exact, an undefined share or average is empty.
        #expect(MeasureCell.share(0, of: 0).exact == "")
        #expect(MeasureCell.average(sum: 0, count: 0).exact == "")
        #expect(MeasureCell.share(1, of: 3).exact == "33,33")
        #expect(MeasureCell.average(sum: 8, count: 3).exact == "2,67")
        #expect(MeasureCell.count(1234).exact == "1234")
    }

    @Test("DISC-5 half up, whole percents in tables, one decimal for Måling 4 and averages, Danish format")
    func disc5() {
        // TV-36: 84.988 % is shown as 85 (the target comparison uses the unrounded value).
        #expect(Discretion.share(0.84988, basis: 8653) == "85")
        #expect(Discretion.share(0.845, basis: 100) == "85")
        #expect(Discretion.share(0.8449, basis: 100) == "84")
        #expect(Discretion.share(0.849, basis: 1000, decimals: 1) == "84,9")
        #expect(Discretion.average(2.65, basis: 10) == "2,7")
        #expect(Discretion.count(1234, zero: .dot) == "1.234")
        #expect(Discretion.count(1_234_567, zero: .zero) == "1.234.567")
        #expect(MeasureCell.share(1, of: 3).published(PublishedStyle(zero: .dot, shareDecimals: 1)) == "33,3")
    }

    @Test("TV-39 FSG-3.1 category shares of 5964, 2796, 2049, 102, 0 → 55, 26, 19, 1, 0")
    func tv39() {
        let counts = [5964, 2796, 2049, 102, 0], sum = counts.reduce(0, +)
        #expect(counts.map { MeasureCell.share($0, of: sum).published(PublishedStyle(zero: .dot)) } == ["55", "26", "19", "1", "0"])
    }
}

/// FSG-0.8 kommune order.
@Suite struct DanishCollationTests {
    @Test("FSG-0.8 Æ < Ø < Å and Aa as Å: Vordingborg < Ærø < Aabenraa < Aarhus; Furesø < Faaborg-Midtfyn")
    func order() {
        #expect(DanishCollation.sorted(["Aarhus", "Ærø", "Aabenraa", "Vordingborg", "Albertslund"]) ==
                ["Albertslund", "Vordingborg", "Ærø", "Aabenraa", "Aarhus"])
        #expect(DanishCollation.precedes("Furesø", "Faaborg-Midtfyn"))
        #expect(DanishCollation.precedes("Fanø", "Furesø"))
        #expect(DanishCollation.precedes("Ærø", "Ølstykke") && DanishCollation.precedes("Ølstykke", "Åbenrå"))
        #expect(DanishCollation.precedes("Høje-Taastrup", "Hørsholm"))
        #expect(!DanishCollation.precedes("Aarhus", "Aabenraa"))
    }
}

@Suite struct PnrGuardTests {
    @Test("no pnr in published/: a run of 10 digits is refused, Danish-formatted counts are not")
    func guardsPnr() {
        #expect(PnrGuard.holdsPnrLikeNumber("a;0000000001;b"))
        #expect(PnrGuard.holdsPnrLikeNumber("x12345678901"))
        #expect(!PnrGuard.holdsPnrLikeNumber("I alt;123456789;1.234.567.890"))
        #expect(!PnrGuard.holdsPnrLikeNumber(Discretion.count(1_234_567_890, zero: .dot)))
    }
}
