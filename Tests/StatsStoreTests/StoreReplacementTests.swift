import StatsJSON
import Testing

@testable import StatsStore

@Suite("Whole-file writes of the command line (demo/import --out, keys)")
struct StoreReplacementTests {
    @Test("replaceTopLevelMember changes only that member's bytes, keeps the mode, and appends an absent member")
    func replaceMember() throws {
        try withPersistenceTempDir { dir in
            let path = dir + "/s.json"
            let head = "{\"format\":\"stats-mcp-store\",\"version\":1,\n\"x-unknown\": [1, 2.50, {\"k\": null}],\n\"api_keys\": "
            let tail = ",\n\"users\":[]\n}\n"
            try PersistenceTestFS.write(path, head + "[ {\"key_sha256\":\"aa\"} ]" + tail, mode: 0o640)
            let files = StoreFiles(path: path)
            try files.withExclusiveLock {
                try files.replaceTopLevelMember("api_keys", in: try files.readBase(), with: Array("[\n{\"key_sha256\":\"bb\"}\n]".utf8))
            }
            #expect(try PersistenceTestFS.read(path) == head + "[\n{\"key_sha256\":\"bb\"}\n]" + tail)
            #expect(PersistenceTestFS.mode(path) == 0o640)
            #expect(try PersistenceTestFS.list(dir).filter { $0.contains(".tmp.") }.isEmpty)

            try PersistenceTestFS.write(path, "{\"format\":\"stats-mcp-store\",\"version\":1}\n")
            try files.withExclusiveLock {
                try files.replaceTopLevelMember("api_keys", in: try files.readBase(), with: Array("[]".utf8))
            }
            #expect(try PersistenceTestFS.read(path) == "{\"format\":\"stats-mcp-store\",\"version\":1,\n\"api_keys\":[]\n}\n")
        }
    }

    @Test("replaceTopLevelMember refuses a file edited since it was read, and a duplicated member")
    func replaceRefused() throws {
        try withPersistenceTempDir { dir in
            let path = dir + "/s.json"
            try PersistenceTestFS.write(path, "{\"api_keys\":[]}")
            let files = StoreFiles(path: path)
            let base = try files.readBase()
            try PersistenceTestFS.write(path, "{\"api_keys\":[], \"edited\": true}")
            #expect(throws: StoreFileError.self) { try files.replaceTopLevelMember("api_keys", in: base, with: Array("[1]".utf8)) }
            #expect(try PersistenceTestFS.read(path) == "{\"api_keys\":[], \"edited\": true}")
            try PersistenceTestFS.write(path, "{\"api_keys\":[], \"api_keys\":[]}")
            #expect(throws: StoreFileError.self) { try files.replaceTopLevelMember("api_keys", in: try files.readBase(), with: Array("[1]".utf8)) }
        }
    }

    @Test("installNewBase: a new file (no lock file needed), an existing one refused, replaced with --force and its journal removed")
    func installNewBase() throws {
        try withPersistenceTempDir { dir in
            let path = dir + "/s.json"
            let files = StoreFiles(path: path)
            try files.installNewBase(replace: false) { sink in try Array("one".utf8).withUnsafeBytes { try sink($0) } }
            #expect(try PersistenceTestFS.read(path) == "one")
            #expect(try PersistenceTestFS.list(dir) == ["s.json"])
            #expect(throws: StoreExistsError.self) {
                try files.installNewBase(replace: false) { sink in try Array("two".utf8).withUnsafeBytes { try sink($0) } }
            }
            #expect(try PersistenceTestFS.read(path) == "one")
            try PersistenceTestFS.write(path + ".journal", "{\"seq\":1,\"ops\":[]}\n")
            try files.installNewBase(replace: true) { sink in try Array("two".utf8).withUnsafeBytes { try sink($0) } }
            #expect(try PersistenceTestFS.read(path) == "two")
            #expect(!PersistenceTestFS.exists(path + ".journal"))
            // A writer that fails leaves nothing behind and the old file in place.
            struct Boom: Error {}
            #expect(throws: Boom.self) { try files.installNewBase(replace: true) { _ in throw Boom() } }
            #expect(try PersistenceTestFS.read(path) == "two")
            #expect(try PersistenceTestFS.list(dir).filter { $0.contains(".tmp.") }.isEmpty)
        }
    }
}
