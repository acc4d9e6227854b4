import StatsAdmin
import StatsCore
import Testing

@Suite("Derived ids (import)")
struct DerivedIDsTests {
    @Test("a derived UUID matches the SPEC §1 pattern, is version 8, and depends on array and id")
    func uuid() {
        let a = DerivedIDs.uuid(array: "campaigns", id: "q2")
        #expect(Identifiers.isUUID(a), "\(a)")
        #expect(Array(a)[14] == "8")
        #expect(DerivedIDs.uuid(array: "campaigns", id: "q2") == a)
        #expect(DerivedIDs.uuid(array: "users", id: "q2") != a)
        #expect(DerivedIDs.uuid(array: "campaigns", id: "q3") != a)
    }

    @Test("a derived public id is prefix + 26 Crockford characters, the first 0–7")
    func publicID() {
        for id in ["340", "a", "ada@acme.test", "00000000-0000-0000-0000-000000000000"] {
            let p = DerivedIDs.publicID(prefix: "cp", id: id)
            #expect(Identifiers.isPublicID(p, prefix: "cp"), "\(p)")
        }
        #expect(DerivedIDs.publicID(prefix: "ws", id: "340") != DerivedIDs.publicID(prefix: "ws", id: "341"))
    }

    @Test("base32 of all-ones bytes: the top character carries only what is left")
    func base32() {
        // 16 bytes of 0xff = 2^128 - 1: first character 7 (3 bits), then 25 × 'z' (31).
        let p = DerivedIDs.publicID(prefix: "x", id: "")
        #expect(p.count == 28)
        let key = APIKeys.makeKey(random: [UInt8](repeating: 0, count: 25))
        #expect(key == "sk_" + String(repeating: "0", count: 40))
        let ones = APIKeys.makeKey(random: [UInt8](repeating: 0xff, count: 25))
        #expect(ones == "sk_" + String(repeating: "z", count: 40))
    }
}
