import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from kfor_tui.io.fields import FileReport
from kfor_tui.io.files import sanitised
from kfor_tui.io.sanitise import clean_source, sanitise


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


# clean_source: when it says a TOML text is clean, sanitising its parsed strings changes nothing.
_PIECES = st.lists(
    st.sampled_from(
        [
            *"ab \t\n\"'\\é",
            "e\u0301",
            "\u0301",
            "\u0338",
            "\u1100\u1161",
            "\u212b",
            "\x07",
            "\u202e",
            "\u200b",
            "\r\n",
            "ﬁ",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_PIECES, st.sampled_from(['"', "'", '"""', "'''"])), min_size=1, max_size=4))
def test_clean_source_means_nothing_to_sanitise(values):
    text = "".join(f"k{i} = {q}{v}{q}\n" for i, (v, q) in enumerate(values))
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError:
        return
    if clean_source(text):
        report = FileReport("x")
        assert sanitised(data, (), report) == data and report.findings == []


def test_clean_source_rejects_what_sanitise_would_change():
    assert clean_source('a = "plain ascii"\nb = """multi\nline"""\n')
    assert clean_source('a = "Zvečan"\n')
    assert not clean_source('a = "Zvec\u030can"\n')  # not NFC
    assert not clean_source('a = "bell \\u0007"\n')  # an escape may make anything
    assert not clean_source('a = "x"\r\n')
    assert not clean_source('a = "right\u202eleft"\n')
