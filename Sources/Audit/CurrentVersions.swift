import Pipeline
import Stages

/// The code versions of this build's stages, for comparing with a run folder.
enum CurrentVersions {
    /// By stage name, the code version this build has for each stage of `records`, the stage made
    /// from the record's own name, kind, inputs (its upstream stages) and parameters, since a
    /// stage may require them (an input it reads, an extract's source). A kind this build does not
    /// know, or a stage it cannot make from its record, has none.
    static func codeVersions(of records: [RunManifest.StageRecord]) -> [String: String] {
        let registry = StageCatalog.registry()
        var out: [String: String] = [:]
        for r in records {
            let decl = StageDeclaration(name: r.name, kind: r.kind, inputs: r.upstream.keys.sorted(), parameters: r.parameters)
            if let stage = try? registry.makeStage(decl) { out[r.name] = stage.codeVersion }
        }
        return out
    }
}
