import Foundation
import Testing

/// Package.swift's target dependencies are exactly the modules each target imports (the
/// brief's rule: dependencies point one way and the declarations say which).
@Suite struct PackageManifestTests {
    /// Modules of the toolchain, never declared.
    static let system: Set<String> = ["Foundation", "FoundationEssentials", "FoundationXML", "FoundationNetworking", "Dispatch", "Testing", "XCTest", "Glibc", "Darwin", "PackagePlugin", "PackageDescription"]

    /// `(kind, name, dependencies)` of every target in Package.swift.
    static func targets(_ manifest: String) throws -> [(kind: String, name: String, dependencies: Set<String>, path: String?)] {
        let text = manifest as NSString
        let start = try NSRegularExpression(pattern: #"\.(target|executableTarget|testTarget)\(\s*name:\s*"([A-Za-z0-9_]+)""#)
        var out: [(String, String, Set<String>, String?)] = []
        for m in start.matches(in: manifest, range: NSRange(location: 0, length: text.length)) {
            // The call's text up to its closing parenthesis.
            var depth = 0, end = m.range.location
            let chars = Array(text.substring(from: m.range.location).utf16)
            for (i, c) in chars.enumerated() {
                if c == 0x28 { depth += 1 } else if c == 0x29 { depth -= 1; if depth == 0 { end = m.range.location + i; break } }
            }
            let call = text.substring(with: NSRange(location: m.range.location, length: end - m.range.location + 1))
            var deps = Set<String>()
            if let r = call.range(of: "dependencies:") {
                let rest = call[r.upperBound...]
                var level = 0, list = ""
                for ch in rest {
                    if ch == "[" { level += 1; if level == 1 { continue } }
                    if ch == "]" { level -= 1; if level == 0 { break } }
                    if level >= 1 { list.append(ch) }
                }
                let product = try NSRegularExpression(pattern: #"\.product\(\s*name:\s*"([A-Za-z0-9_]+)"[^)]*\)"#)
                let ns = list as NSString
                var stripped = list
                for pm in product.matches(in: list, range: NSRange(location: 0, length: ns.length)) {
                    deps.insert(ns.substring(with: pm.range(at: 1)))
                    stripped = stripped.replacingOccurrences(of: ns.substring(with: pm.range), with: "")
                }
                let plain = try NSRegularExpression(pattern: #""([A-Za-z0-9_]+)""#)
                let sn = stripped as NSString
                for pm in plain.matches(in: stripped, range: NSRange(location: 0, length: sn.length)) {
                    deps.insert(sn.substring(with: pm.range(at: 1)))
                }
            }
            let pathPattern = try NSRegularExpression(pattern: #"path:\s*"([^"]+)""#)
            let cn = call as NSString
            let path = pathPattern.firstMatch(in: call, range: NSRange(location: 0, length: cn.length)).map { cn.substring(with: $0.range(at: 1)) }
            out.append((text.substring(with: m.range(at: 1)), text.substring(with: m.range(at: 2)), deps, path))
        }
        return out
    }

    /// The modules the Swift files under `folder` import.
    static func imports(_ folder: URL) throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: #"^\s*(?:@testable\s+)?import\s+(?:struct\s+|class\s+|enum\s+|func\s+)?([A-Za-z0-9_]+)"#, options: .anchorsMatchLines)
        var found = Set<String>()
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        for case let url as URL in e where url.pathExtension == "swift" {
            let s = try String(contentsOf: url, encoding: .utf8)
            let ns = s as NSString
            for m in pattern.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
                found.insert(ns.substring(with: m.range(at: 1)))
            }
        }
        return found.subtracting(system)
    }

    @Test("every target declares exactly the modules it imports")
    func dependenciesEqualImports() throws {
        let manifest = try String(contentsOf: E2E.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = try Self.targets(manifest)
        #expect(targets.count >= 10, "parsed only \(targets.map(\.name))")
        let executables = Set(targets.filter { $0.kind == "executableTarget" }.map(\.name))
        for t in targets {
            let folder = t.path.map { E2E.root.appendingPathComponent($0) }
                ?? E2E.root.appendingPathComponent(t.kind == "testTarget" ? "Tests" : "Sources").appendingPathComponent(t.name)
            let imported = try Self.imports(folder)
            // A test target may depend on an executable only to have it built (it runs it).
            let declared = t.kind == "testTarget" ? t.dependencies.subtracting(executables) : t.dependencies
            #expect(declared.subtracting(imported).isEmpty, "\(t.name) declares \(declared.subtracting(imported).sorted()) but never imports it")
            #expect(imported.subtracting(declared).isEmpty, "\(t.name) imports \(imported.subtracting(declared).sorted()) without declaring it")
        }
    }

    @Test("the parser reads names, plain and product dependencies")
    func parserReadsDeclarations() throws {
        let t = try Self.targets("""
            .target(name: "A", dependencies: ["B", .product(name: "Logging", package: "swift-log")]),
            .testTarget(name: "ATests", dependencies: ["A"], exclude: ["x.py"]),
            .target(name: "C"),
            .target(name: "D", path: "Tests/D"),
            """)
        #expect(t.map(\.name) == ["A", "ATests", "C", "D"])
        #expect(t[0].dependencies == ["B", "Logging"])
        #expect(t[1].dependencies == ["A"])
        #expect(t[2].dependencies.isEmpty)
        #expect(t.map(\.path) == [nil, nil, nil, "Tests/D"])
    }
}
