import Pipeline
import ReferenceData

/// Every stage kind the project ships, registered by name. A pipeline file
/// (`pipelines/monthly.toml`) picks kinds from here; adding a stage kind means
/// adding one line below and a declaration in the pipeline file.
public enum StageCatalog {
    public static func registry() -> StageRegistry {
        var r = StageRegistry(referenceData: referenceDataFingerprint)
        r.register("extract") { decl in try ExtractStage(declaration: decl) }
        r.register("normalise") { decl in try NormaliseStage(declaration: decl) }
        r.register("spells") { decl in try SpellsStage(declaration: decl) }
        r.register("durations") { decl in DurationsStage(declaration: decl) }
        r.register("forsoegsperiode") { decl in ForsoegsperiodeStage(declaration: decl) }
        r.register("jobsamtaler") { decl in try JobsamtalerStage(declaration: decl) }
        r.register("jobsamtaler_fokus_maaneder") { decl in try JobsamtalerFokusMonthsStage(declaration: decl) }
        r.register("jobsamtaler_fokus") { decl in try JobsamtalerFokusStage(declaration: decl) }
        r.register("forsoegsmaaling") { decl in ForsoegsmaalingStage(declaration: decl) }
        r.register("report") { decl in ReportStage(declaration: decl) }
        return r
    }

    /// The fingerprint of the bundled reference files (`Sources/ReferenceData/Resources/*.csv`:
    /// names and contents), part of every stage's fingerprint. A missing bundle gives a
    /// fingerprint that says so, which no earlier run recorded, so nothing is trusted.
    public static let referenceDataFingerprint: Fingerprint = {
        var b = Fingerprint.Builder()
        b.combine("reference-data-v1")
        do {
            let files = try ReferenceTable.bundledFiles()
            b.combine(files.count)
            for f in files { b.combine(f.name); b.combine(bytes: f.data) }
        } catch {
            b.combine("unreadable: \(error)")
        }
        return b.finalize()
    }()
}
