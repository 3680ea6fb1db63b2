import Foundation
import PackagePlugin

/// Generates `BuildInfo.swift` for the `ydelse` executable before every build: the git commit
/// the binary is built from (`unknown` when git cannot tell, e.g. a source tarball) and the
/// default pipeline declaration `pipelines/monthly.toml` as text, so the binary runs from any
/// folder. The work is done by `scripts/build-info.sh`; the file is rewritten only when its
/// content changes, so an unchanged tree does not recompile the CLI.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated", isDirectory: true)
        let root = context.package.directoryURL
        return [
            .prebuildCommand(
                displayName: "ydelse build info (git commit, bundled pipeline)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [root.appendingPathComponent("scripts/build-info.sh").path, root.path, output.path],
                outputFilesDirectory: output),
        ]
    }
}
