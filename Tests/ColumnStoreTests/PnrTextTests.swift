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
}
