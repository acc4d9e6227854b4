import Testing
@testable import StatsCore

@Suite struct IdentifiersTests {
    @Test func validPublicIDs() {
        #expect(Identifiers.isPublicID("ws_01hzy8k2m3n4p5q6r7s8t9v0wx", prefix: "ws"))
        #expect(Identifiers.isPublicID("cp_7zzzzzzzzzzzzzzzzzzzzzzzzz", prefix: "cp"))
        #expect(Identifiers.isPublicID("usr_00000000000000000000000000", prefix: "usr"))
        #expect(Identifiers.isPublicID("usr_0123456789abcdefghjkmnpqrs", prefix: "usr"))
        #expect(Identifiers.isPublicID("ws_0tvwxyz0123456789abcdefghj", prefix: "ws"))
    }

    @Test(arguments: [
        ("ws_01hzy8k2m3n4p5q6r7s8t9v0wx", "cp"),       // wrong prefix
        ("cp_01hzy8k2m3n4p5q6r7s8t9v0wx", "ws"),
        ("ws_81hzy8k2m3n4p5q6r7s8t9v0wx", "ws"),       // first char 8
        ("ws_z1hzy8k2m3n4p5q6r7s8t9v0wx", "ws"),       // first char not 0-7
        ("ws_01hzy8k2m3n4p5q6r7s8t9v0w", "ws"),        // 25 chars
        ("ws_01hzy8k2m3n4p5q6r7s8t9v0wxy", "ws"),      // 27 chars
        ("ws_01HZY8K2M3N4P5Q6R7S8T9V0WX", "ws"),       // uppercase
        ("ws_01hzy8k2m3n4p5q6r7s8t9v0wi", "ws"),       // i
        ("ws_01hzy8k2m3n4p5q6r7s8t9v0wl", "ws"),       // l
        ("ws_01hzy8k2m3n4p5q6r7s8t9v0wo", "ws"),       // o
        ("ws_01hzy8k2m3n4p5q6r7s8t9v0wu", "ws"),       // u
        ("ws-01hzy8k2m3n4p5q6r7s8t9v0wx", "ws"),       // separator
        (" ws_01hzy8k2m3n4p5q6r7s8t9v0wx", "ws"),
        ("ws_01hzy8k2m3n4p5q6r7s8t9v0wx ", "ws"),
        ("ws_01hzy8k2m3n4p5q6r7s8t9v0wé", "ws"),       // non-ASCII
        ("wS_01hzy8k2m3n4p5q6r7s8t9v0wx", "ws"),
        ("", "ws"),
        ("ws_", "ws"),
        ("usr_01hzy8k2m3n4p5q6r7s8t9v0w", "usr"),
    ])
    func invalidPublicIDs(_ text: String, _ prefix: String) {
        #expect(!Identifiers.isPublicID(text, prefix: prefix))
    }

    @Test func validUUIDs() {
        #expect(Identifiers.isUUID("123e4567-e89b-12d3-a456-426614174000"))   // v1
        #expect(Identifiers.isUUID("550e8400-e29b-41d4-a716-446655440000"))   // v4
        #expect(Identifiers.isUUID("01890a5d-ac96-774b-bcce-b302099a8057"))   // v7
        #expect(Identifiers.isUUID("01890A5D-AC96-874B-BCCE-B302099A8057"))   // v8, upper case
        #expect(Identifiers.isUUID("550e8400-e29b-41d4-8716-446655440000"))   // variant 8
        #expect(Identifiers.isUUID("550e8400-e29b-41d4-9716-446655440000"))   // variant 9
        #expect(Identifiers.isUUID("550e8400-e29b-41d4-B716-446655440000"))   // variant B
        #expect(Identifiers.isUUID("00000000-0000-0000-0000-000000000000"))   // nil UUID
        #expect(Identifiers.isUUID("ffffffff-ffff-ffff-ffff-ffffffffffff"))   // max UUID
        #expect(Identifiers.isUUID("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"))   // max UUID, case-insensitive
    }

    @Test(arguments: [
        "550e8400-e29b-01d4-a716-446655440000",     // version 0
        "550e8400-e29b-91d4-a716-446655440000",     // version 9
        "550e8400-e29b-f1d4-a716-446655440000",     // version f
        "550e8400-e29b-41d4-c716-446655440000",     // variant c
        "550e8400-e29b-41d4-7716-446655440000",     // variant 7
        "00000000-0000-0000-0000-000000000001",     // almost nil
        "ffffffff-ffff-ffff-ffff-fffffffffffe",     // almost max
        "00000000-0000-0000-f000-000000000000",
        "550e8400e29b41d4a716446655440000",         // no hyphens
        "{550e8400-e29b-41d4-a716-446655440000}",
        "550e8400-e29b-41d4-a716-44665544000",      // short
        "550e8400-e29b-41d4-a716-4466554400000",    // long
        "550e8400-e29b-41d4-a716_446655440000",
        "550e840g-e29b-41d4-a716-446655440000",
        " 550e8400-e29b-41d4-a716-446655440000",
        "550e8400-e29b-41d4-a716-44665544000é",
        "550e8400-e29b-41d4-a716-４46655440000",
        "",
    ])
    func invalidUUIDs(_ text: String) {
        #expect(!Identifiers.isUUID(text))
        #expect(Identifiers.canonicalUUID(text) == nil)
    }

    @Test func canonicalUUID() {
        #expect(Identifiers.canonicalUUID("01890A5D-AC96-774B-BCCE-B302099A8057") == "01890a5d-ac96-774b-bcce-b302099a8057")
        #expect(Identifiers.canonicalUUID("550e8400-e29b-41d4-a716-446655440000") == "550e8400-e29b-41d4-a716-446655440000")
        #expect(Identifiers.canonicalUUID("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF") == "ffffffff-ffff-ffff-ffff-ffffffffffff")
    }

    @Test func sameBytes() {
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}"
        #expect(nfc == nfd)                                 // String == uses canonical equivalence
        #expect(!Identifiers.sameBytes(nfc, nfd))
        #expect(Identifiers.sameBytes(nfc, "café"))
        #expect(Identifiers.sameBytes("", ""))
        #expect(!Identifiers.sameBytes("a", "A"))
        #expect(!Identifiers.sameBytes("ab", "abc"))
    }
}
