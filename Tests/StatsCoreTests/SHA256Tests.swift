import Testing
@testable import StatsCore

@Suite struct SHA256Tests {
    // FIPS 180-4 / NIST example vectors.
    @Test func fipsVectors() {
        #expect(SHA256.hexDigest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexDigest("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func oneMillionA() {
        #expect(SHA256.hex(SHA256.digest([UInt8](repeating: 0x61, count: 1_000_000)))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    // Padding boundaries, cross-checked with Python's hashlib.sha256(b"a" * n).hexdigest().
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (1000, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func paddingBoundaries(_ length: Int, _ expected: String) {
        #expect(SHA256.hexDigest(String(repeating: "a", count: length)) == expected)
        #expect(SHA256.hex(SHA256.digest(ArraySlice(repeating: UInt8(0x61), count: length))) == expected)
    }

    @Test func allByteValuesAndUTF8() {
        // hashlib.sha256(bytes(range(256))).hexdigest()
        #expect(SHA256.hex(SHA256.digest((0...255).map { UInt8($0) }))
                == "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880")
        // hashlib.sha256("héllo wörld €😀".encode()).hexdigest()
        #expect(SHA256.hexDigest("héllo wörld €😀") == "0a911cd5723335bafcad3516f617f1a77a27389ea038ded5c3e62c4fde9c72d8")
    }

    @Test func digestShapeAndGenericCollections() {
        let d = SHA256.digest("abc".utf8)
        #expect(d.count == 32)
        #expect(d.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
        #expect(SHA256.digest(Array("abc".utf8)) == d)
        #expect(SHA256.digest(Array("xabcx".utf8)[1..<4]) == d)
        #expect(SHA256.hexDigest("abc").count == 64)
        #expect(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}
