import Testing
@testable import ColumnStore

@Suite struct PnrTextTests {
    @Test("a pnr's text and its compact key round-trip; text that is not all digits has no key")
    func keyRoundTrip() {
        let texts = StringStorage(["0047266887", "9999999999", "0000000001", "", "00472668x7", "12345678901234567890"])
        #expect(PnrText.key(texts, 0) == 47_266_887)
        #expect(PnrText.key(texts, 1) == 9_999_999_999)
        #expect(PnrText.key(texts, 2) == 1)
        #expect(PnrText.key(texts, 3) == nil)
        #expect(PnrText.key(texts, 4) == nil)
        #expect(PnrText.key(texts, 5) == nil)
        for k: Int64 in [0, 7, 47_266_887, 9_999_999_999] {
            #expect(PnrText.key(StringStorage([PnrText.of(k)]), 0) == k)
        }
    }

    @Test("PnrText.append writes the text PnrText.of gives, row by row, also for keys of more than 10 digits")
    func appendWritesTheText() {
        let keys: [Int64] = [0, 7, 47_266_887, 101_010_101, 9_999_999_999, 12_345_678_901, .max, -5]
        var strings = StringStorage()
        for k in keys { PnrText.append(k, to: &strings) }
        #expect(strings.count == keys.count)
        for (i, k) in keys.enumerated() { #expect(strings[i] == PnrText.of(k), "\(k)") }
        #expect(strings[0] == "0000000000" && strings[2] == "0047266887")
    }
}
