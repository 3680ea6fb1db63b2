import ColumnStore
import ReferenceData
@testable import Domain

// Helpers for the Part A measurement vectors (talk defaults: JOB, P, JC, individuel J,
// samtale.kommune = the bopael kommune 751).

func talk(_ date: String, _ form: SamtaleRow.Kontaktform = .personal, type: SamtaleRow.Kind = .job,
          afholder: SamtaleRow.Afholder = .jobcenter, kommune: String = "751", akasse: String? = nil) -> SamtaleRow {
    SamtaleRow(dato: d(date), type: type, kontaktform: form, afholder: afholder, kommune: kommune, akasse: akasse)
}

func fravaer(_ kode: String, _ a: String, _ b: String?) -> FravaerRow { FravaerRow(kode: kode, fra: d(a), til: b.map(d)) }

/// `p` with talks, offers and registrations added.
func with(_ p: PersonHistory, talks: [SamtaleRow] = [], tilbud: [TilbudRow] = [], tilmeldinger: [String] = []) -> PersonHistory {
    var h = p
    h.samtaler = talks
    h.tilbud = tilbud
    h.tilmeldinger = tilmeldinger.map(d)
    return h
}

/// The measured or exempt rows of `p` in month `m`.
func measured(_ p: PersonHistory, _ m: String) -> [MeasuredPerson] {
    JobsamtaleMeasurement.measure(p, month: ym(m)).persons
}

func measured(_ p: PersonHistory, _ m: String, _ g: BenefitGroup) -> MeasuredPerson? {
    measured(p, m).first { $0.group == g }
}

/// The counted talk dates as ISO strings.
func isoDates(_ m: MeasuredPerson) -> [String] { m.talkDates.map(\.description) }
