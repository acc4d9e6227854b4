import StatsAdmin
import StatsCore
import StatsJSON
import StatsStore
import Testing

@Suite("API keys (SPEC §8 keys)")
struct APIKeysTests {
    static let storeText = """
        {"format":"stats-mcp-store","version":1,
        "workspaces":[{"id":340,"public_id":"ws_01jaq6pwa7we9qkrvxhkdpx92x","name":"Acme"},{"id":341,"public_id":"ws_01je0ryf3gwsgwchqmry9q5dan","name":"Other"}],
        "users":[{"id":"09b1a2e0-ddea-4a59-8c66-e85fc31068a2","public_id":"usr_01k9s2bfhb16rt5r6xxajsst8r","email":"Ada@Acme.test","workspace_ids":[340]}],
        "api_keys":[{"key_sha256":"\(String(repeating: "ab", count: 32))","user_id":"09b1a2e0-ddea-4a59-8c66-e85fc31068a2","workspace_id":340,"label":"old","revoked":false,"extra":1}]}
        """

    func data() throws -> StoreData {
        try Array(Self.storeText.utf8).withUnsafeBufferPointer { try StoreLoader.load($0) }.data
    }

    func existing() throws -> JSONValue? { try JSON.parse(Self.storeText)["api_keys"] }

    @Test("add: the user by email, usr_ id or UUID; the workspace by id or ws_ id; the record holds the key's SHA-256")
    func add() throws {
        let data = try data()
        let user = try APIKeys.user("ada@acme.test", in: data)
        #expect(try APIKeys.user("usr_01k9s2bfhb16rt5r6xxajsst8r", in: data).id == user.id)
        #expect(try APIKeys.user("09B1A2E0-DDEA-4A59-8C66-E85FC31068A2", in: data).id == user.id)
        let workspace = try APIKeys.workspace("ws_01jaq6pwa7we9qkrvxhkdpx92x", in: data)
        #expect(try APIKeys.workspace("340", in: data).id == workspace.id)
        let key = APIKeys.makeKey(random: Array(0..<25))
        #expect(key.hasPrefix("sk_") && key.count == 43)
        let records = try APIKeys.adding(key: key, user: user, workspace: workspace, label: "laptop", to: existing())
        #expect(records.count == 2)
        #expect(records[0]["extra"]?.integerValue == 1, "existing records are kept with their unknown fields")
        #expect(records[1]["key_sha256"]?.stringValue == SHA256.hexDigest(key))
        #expect(records[1]["workspace_id"]?.integerValue == 340)
        #expect(records[1]["revoked"]?.boolValue == false)
        #expect(!String(decoding: APIKeys.text(records), as: UTF8.self).contains(key), "the plain key is never stored")
    }

    @Test("add refuses a user who is not linked to the workspace, and unknown names")
    func addRefused() throws {
        let data = try data()
        let user = try APIKeys.user("ada@acme.test", in: data)
        let other = try APIKeys.workspace("341", in: data)
        #expect(throws: KeyError.self) { try APIKeys.adding(key: "sk_x", user: user, workspace: other, label: nil, to: nil) }
        #expect(throws: KeyError.self) { try APIKeys.user("bob@acme.test", in: data) }
        #expect(throws: KeyError.self) { try APIKeys.workspace("999", in: data) }
    }

    @Test("list shows the first 12 hex digits of the hash; revoke marks it, once")
    func listRevoke() throws {
        let data = try data()
        let listed = APIKeys.list(try existing(), data: data)
        #expect(listed.map(\.id) == ["abababababab"])
        #expect(listed[0].user.hasPrefix("usr_01k9s2bfhb16rt5r6xxajsst8r"))
        let (records, already) = try APIKeys.revoking("abababababab", in: existing())
        #expect(!already)
        #expect(records[0]["revoked"]?.boolValue == true && records[0]["extra"]?.integerValue == 1)
        #expect(try APIKeys.revoking("abababababab", in: .array(records)).alreadyRevoked)
        #expect(throws: KeyError.self) { try APIKeys.revoking("cdcdcdcdcdcd", in: existing()) }
        #expect(throws: KeyError.self) { try APIKeys.revoking("ab", in: existing()) }
    }
}
