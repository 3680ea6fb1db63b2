import ColumnStore
import Domain
import Publishing
import ReferenceData

/// One forløb's row of the `forsoegsperiode` checkpoint (FSG-0.3).
struct ConsumedHours: Sendable {
    var timerForbrugt: Double
    var fuldPeriodeDato: Day?
}

extension MonitoringTables {
    /// `measures/kvalitet_forsoegsperiode.csv` (FSG-0.3 Decision): FA forløb registered too early
    /// and open forløb past the full period for more than a month. Holds pnr: never published.
    func kvalitet(_ hours: [String: ConsumedHours]) -> CSVTable {
        var rows: [(akasse: String, id: String, row: [String])] = []
        for p in persons { for f in p.forloeb {
            let k = f.forloeb, h = hours[k.forloebId]
            guard let dev = FullPeriodCheck.deviation(k, fullPeriodDay: h?.fuldPeriodeDato, month: month) else { continue }
            rows.append((k.akasse, k.forloebId, [
                AKasse.byCode[k.akasse]?.shortName ?? k.akasse, k.forloebId, ColumnBuilder.pnrText(p.pnr), k.forsikring.code,
                h.map { DanishNumber.decimal($0.timerForbrugt, decimals: 2) } ?? "", k.afslutningsdato?.description ?? "", dev.rawValue,
            ]))
        } }
        rows.sort { ($0.akasse, $0.id) < ($1.akasse, $1.id) }
        return CSVTable(header: ["akasse", "forloeb_id", "pnr", "forsikring", "timer_forbrugt", "registreret", "afvigelse"],
                        rows: rows.map(\.row))
    }
}
