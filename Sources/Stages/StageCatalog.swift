import Pipeline

/// Every stage kind the project ships, registered by name. A pipeline file
/// (`pipelines/monthly.toml`) picks kinds from here; adding a stage kind means
/// adding one line below and a declaration in the pipeline file.
public enum StageCatalog {
    public static func registry() -> StageRegistry {
        var r = StageRegistry()
        r.register("extract") { decl in try ExtractStage(declaration: decl) }
        r.register("normalise") { decl in try NormaliseStage(declaration: decl) }
        r.register("spells") { decl in SpellsStage(declaration: decl) }
        r.register("durations") { decl in DurationsStage(declaration: decl) }
        r.register("forsoegsperiode") { decl in ForsoegsperiodeStage(declaration: decl) }
        r.register("jobsamtaler") { decl in JobsamtalerStage(declaration: decl) }
        r.register("jobsamtaler_fokus") { decl in try JobsamtalerFokusStage(declaration: decl) }
        return r
    }
}
