from kfor_tui.io.sanitise import sanitise


def test_plain_text_is_untouched():
    assert sanitise("Zvečan, Novo Selo\n\tindent") == ("Zvečan, Novo Selo\n\tindent", [])


def test_escape_sequences_become_visible():
    text, found = sanitise("a\x1b]0;PWN\x07b\x9b31m")
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert text == "a^[]0;PWN^Gb<9B>31m"
    assert any("U+001B" in f for f in found)


def test_bidi_and_zero_width_are_removed_and_reported():
    text, found = sanitise("abc\u202edef\u200b")
    assert text == "abcdef"
    assert len(found) == 2


def test_nfc_and_crlf():
    assert sanitise("Zvec\u030can\r\nx")[0] == "Zvečan\nx"
