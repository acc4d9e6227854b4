import Foundation
import Testing

/// Standing rules of the repository that a review would otherwise have to catch by eye.
@Suite struct SourceRulesTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every Swift file under Sources/ with its lines.
    static func swiftFiles() throws -> [(path: String, lines: [Substring])] {
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var out: [(String, [Substring])] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            out.append((url.path.replacingOccurrences(of: sources.path + "/", with: ""), text.split(separator: "\n", omittingEmptySubsequences: false)))
        }
        return out
    }

    /// A call of `print(` (not `fingerprint(`, not a comment): stdout carries protocol messages only, and
    /// the commands write through their own output functions.
    static func callsPrint(_ line: Substring) -> Bool {
        let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let range = code.range(of: "print(") else { return false }
        guard range.lowerBound > code.startIndex else { return true }
        let before = code[code.index(before: range.lowerBound)]
        return !(before.isLetter || before.isNumber || before == "_" || before == ".")
    }

    @Test func noPrintInSources() throws {
        var offenders: [String] = []
        for file in try Self.swiftFiles() {
            for (number, line) in file.lines.enumerated() where Self.callsPrint(line) {
                offenders.append("\(file.path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(try Self.swiftFiles().count > 100, "Sources/ was not found from \(Self.sources.path)")
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }

    @Test func theCheckFindsAPrintCall() {
        #expect(Self.callsPrint("    print(\"x\")"))
        #expect(Self.callsPrint("if a { print(a) }"))
        #expect(!Self.callsPrint("    let print = fingerprint()"))
        #expect(!Self.callsPrint("    // print(\"x\")"))
        #expect(!Self.callsPrint("    Swift.debugPrint(x)"))
    }
}
