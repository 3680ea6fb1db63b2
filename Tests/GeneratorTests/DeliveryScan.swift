import Foundation

/// Reads a whole data directory with the independent validator and gathers
/// the numbers the plausibility tests look at.
struct DeliveryScan {
    var files = 0
    var problems: [String] = []
    var rows: [String: Int] = [:]
    var persons = Set<Substring>()
    /// Distinct pnr per benefit group (ky ydelse code, `AD` for FLEUR 01-05, `SDP` for ksd).
    var groupPersons: [String: Set<Substring>] = [:]
    /// Distinct (pnr, YYYY-MM) with a measured benefit.
    var benefitMonths = Set<String>()
    /// Distinct (pnr, dato) with a jobcenter JOB talk, and SYG talks.
    var talkDays = Set<String>()
    var forloebAkasse: [String: Substring] = [:]
    var forloebAarsag: [String: Substring] = [:]
    var fravaerPersons = Set<Substring>()
    var fravaerCodes = Set<Substring>()
    var kinds = Set<String>()   // features seen: "fleur-", "fleur02", "sats", …

    init(_ dir: String) throws {
        for d in Support.deliveries(dir) {
            files += 1
            let data: Data
            do { data = try Gunzip.decompress(d.path) } catch { problems.append("\(d.path): gzip"); continue }
            var scan = self
            let (n, p) = InputsValidator.validate(source: d.source, month: d.month, text: data) { f in scan.observe(d.source, f) }
            self = scan
            rows[d.source, default: 0] += n
            problems += p.prefix(5).map { "\(d.path): \($0)" }
        }
    }

    mutating func observe(_ source: String, _ f: [Substring]) {
        switch source {
        case "person": persons.insert(f[0])
        case "fleur":
            let type = f[4]
            if f[10] == "-" { kinds.insert("reversal") }
            kinds.insert("fleur" + type)
            if Int(f[6])! > 0 { kinds.insert("fradrag") }
            if ["01", "02", "03", "04", "05"].contains(type) {
                groupPersons["AD", default: []].insert(f[0])
                benefitMonths.insert("\(f[0])-\(f[3].prefix(6))")
            }
        case "ky":
            let code = f[1] == "FREV" ? "REV" : String(f[1])
            groupPersons[String(f[1]), default: []].insert(f[0])
            if f[2] != "" { kinds.insert("sats" + f[2]) }
            if f[6] == "J" { kinds.insert("loentilskud") }
            if !["SKH", "FTP", "SHOP"].contains(code) {
                benefitMonths.insert("\(f[0])-\(f[4].prefix(7).replacingOccurrences(of: "-", with: ""))")
            }
        case "ksd":
            groupPersons["SDP", default: []].insert(f[0])
        case "samtale":
            talkDays.insert("\(f[0])-\(f[2])")
            kinds.insert("talk" + f[3]); kinds.insert("form" + f[4]); kinds.insert("holder" + f[5])
        case "forsoeg":
            forloebAkasse[String(f[1])] = f[2]
            if f[6] != "" { forloebAarsag[String(f[1])] = f[6] } else { forloebAarsag[String(f[1])] = nil }
        case "fravaer":
            fravaerPersons.insert(f[0]); fravaerCodes.insert(f[2])
        case "maalgruppe":
            kinds.insert("kontaktgruppe" + f[4])
        case "tilbud":
            kinds.insert("tilbud" + f[2])
            if f[6] != "" { kinds.insert("tilbudAK") }
        default: break
        }
    }
}
