import ColumnStore
import ReferenceData

/// Fixed parameters of the synthetic population (documented in docs/GENERATOR.md).
enum Model {
    // MARK: calendar anchors
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
    static let experimentStart = day(2020, 9, 1)
    static let experimentLastVisitation = day(2024, 8, 31)
    static let conversion = day(2025, 7, 1)
    static let suspensions: [ClosedRange<Day>] = [day(2020, 3, 1)...day(2020, 8, 31), day(2021, 1, 1)...day(2021, 6, 30)]
    static let lockdown = day(2020, 3, 12)...day(2020, 5, 26)
    static let covidRemote: [ClosedRange<Day>] = [day(2020, 5, 27)...day(2021, 8, 31), day(2021, 12, 19)...day(2022, 1, 31)]
    static let inPersonFirst = day(2023, 3, 22)

    // MARK: kommuner
    static let kommuner: [Kommune] = Kommune.all
    /// Cumulative population weights for residence.
    static let kommuneCumulative: [Double] = {
        var acc = 0.0
        return kommuner.map { acc += Double(max($0.population, 1)); return acc }
    }()
    /// Nordjyske frikommuner (digital talks common until 2023).
    static let nordjyske: Set<String> = ["851", "810", "813", "860", "849", "825", "846", "773", "840", "787", "820"]
    /// A per-kommune factor on talk cadence, so the measures differ between kommuner (0.6 … 1.4).
    static let talkFactor: [Double] = kommuner.map { k in
        var sm = SplitMix64(UInt64(Int(k.code) ?? 0) &* 0x2545_F491_4F6C_DD1D)
        return 0.6 + 0.8 * Double(sm.next() >> 11) * 0x1.0p-53
    }

    // MARK: a-kasser
    /// Membership weights for codes 01…30 (index 0 = `01`); 3F-A largest, BUPL-A and Min-A small.
    static let akasseWeights: [Double] = [16, 1.2, 6, 8, 5, 9, 3, 1, 2.5] + Array(repeating: 2.2, count: 21)
    static let akasseCodes: [String] = (1...30).map { $0 < 10 ? "0\($0)" : "\($0)" }
    static let permitted: Set<ExperimentPair> = ExperimentPair.permitted

    // MARK: exemption codes that count per benefit group (RULES.md EXEMPT-5), used to pick realistic codes
    static let exemptCodes: [Benefit: [Int]] = [
        .ad: [2, 3, 4, 10, 11, 23, 24, 43, 44, 45, 46, 65, 66, 70, 71, 72, 73, 77, 78, 79],
        .kh: [2, 3, 4, 6, 7, 10, 43, 44, 45, 46, 47, 50, 70, 71, 72, 73, 76, 77, 78, 79],
        .uh: [2, 3, 4, 6, 7, 10, 45, 46, 47, 50, 70, 71, 72, 73, 76, 78, 79],
        .sho: [2, 3, 4, 6, 7, 10, 43, 44, 45, 46, 50, 70, 71, 72, 73, 76, 77, 78, 79],
        .rev: [3, 4, 10, 16, 46, 47, 50, 70, 71, 72, 77, 78, 79],
        .sdp: [3, 53, 70],
        .led: [3, 4, 10, 23, 24, 43, 44, 45, 46, 47, 70, 71, 72, 73, 77, 78, 79],
        .res: [3, 4, 10, 43, 44, 46, 47, 50, 70, 71, 72, 73, 76, 77, 78, 79],
        .jaf: [3, 4, 10, 43, 44, 45, 46, 47, 50, 70, 71, 72, 73, 76, 77, 78, 79],
    ]
}

/// The benefits a person can be on in the simulation.
enum Benefit: Int, CaseIterable, Hashable, Sendable {
    case ad, sdp, kh, uh, sho, shop, rev, res, jaf, led, ftp, efterloen, arbejdsfordeling

    /// The `ky.ydelse` code of a municipal benefit; nil for the benefits paid outside `ky`.
    var kyCode: StaticString? {
        switch self {
        case .kh: "KH"
        case .uh: "UH"
        case .sho: "SHO"
        case .shop: "SHOP"
        case .rev: "REV"
        case .res: "RES"
        case .jaf: "JAF"
        case .led: "LED"
        case .ftp: "FTP"
        case .ad, .sdp, .efterloen, .arbejdsfordeling: nil
        }
    }

    /// Mean episode length in days.
    var meanDays: Double {
        switch self {
        case .ad: 170
        case .sdp: 75
        case .kh: 320
        case .uh: 260
        case .sho: 220
        case .shop: 300
        case .rev: 330
        case .res: 520
        case .jaf: 260
        case .led: 200
        case .ftp: 3000
        case .efterloen: 900
        case .arbejdsfordeling: 40
        }
    }

    /// Mean days between JC jobsamtaler (0: no talks).
    var talkEvery: Double {
        switch self {
        case .ad: 38
        case .sdp: 45
        case .kh, .uh, .sho: 40
        case .rev, .res, .jaf, .led: 55
        case .shop: 90
        default: 0
        }
    }
}
