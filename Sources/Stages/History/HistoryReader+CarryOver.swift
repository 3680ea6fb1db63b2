import ColumnStore
import Domain

extension HistoryReader {
    /// Whether every one of the person's rows of the sources ``Domain/SpellCarryOver`` looks at
    /// passes its check for `window`, read from the columns without building a history.
    ///
    /// The rows checked are a superset of those a history holds (a `ky` line of an unknown ydelse
    /// or a dagpengeperiode of an unknown forsikring is left out of the history, not out of this
    /// check), so true here implies that ``Domain/SpellCarryOver/holds(_:from:to:earlierOpenBesidesAD:)``
    /// is true on the rows (given that the earlier month has no open spell but AD); false says
    /// nothing, and the caller checks the history.
    func keepsSpells(rows r: [Range<Int>], _ window: SpellCarryOver.Window) -> Bool {
        let s = sourceSlots
        if let ky, let k = s[.ky], !r[k].allSatisfy({ window.keepsPayment(from: ky.fra[$0], to: ky.til[$0]) }) { return false }
        if let fleur, let k = s[.fleur],
           !r[k].allSatisfy({ window.keepsPayment(from: fleur.fra[$0], to: fleur.til[$0]) }) { return false }
        if let ksd, let k = s[.ksd],
           !r[k].allSatisfy({ window.keepsKsd(start: ksd.start[$0], slut: ksd.slut.optional($0)) }) { return false }
        if let taeller, let k = s[.taeller],
           !r[k].allSatisfy({ window.keepsDagpengeperiode(first: taeller.first[$0], last: taeller.last.optional($0)) }) { return false }
        if let maalgruppe, let k = s[.maalgruppe],
           !r[k].allSatisfy({ window.keepsMaalgruppe(from: maalgruppe.fra[$0]) }) { return false }
        if let bopael, let k = s[.bopael],
           !r[k].allSatisfy({ window.keepsBopael(from: bopael.fra[$0], to: bopael.til.optional($0)) }) { return false }
        return true
    }
}
