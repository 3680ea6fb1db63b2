import Pipeline
import Stages

/// The code versions of this build's stage kinds, for comparing with a run folder.
enum CurrentVersions {
    static func codeVersions() throws -> [String: String] {
        let registry = StageCatalog.registry()
        var out: [String: String] = [:]
        for kind in registry.kinds {
            // A stage's code version does not depend on its name or inputs; extract stages need a source.
            let decl = StageDeclaration(name: kind, kind: kind, inputs: [], parameters: ["source": "fleur"])
            if let s = try? registry.makeStage(decl) { out[kind] = s.codeVersion }
        }
        return out
    }
}
