from kfor_tui.io.quotes import find_quote, normalise


def test_curly_quotes_and_white_space_match():
    paragraphs = ("Luxembourg’s Minister   of Defence,\nYuriko Backes, paid a visit.",)
    [(index, start, end)] = find_quote("Luxembourg's Minister of Defence, Yuriko Backes", paragraphs)
    assert index == 0
    assert paragraphs[0][start:end] == "Luxembourg’s Minister   of Defence,\nYuriko Backes"


def test_german_low_quote_is_a_quote_mark():
    assert normalise("„We have")[0] == "\"We have"


def test_every_occurrence_is_found():
    hits = find_quote("KFOR", ("KFOR and KFOR", "no", "KFOR"))
    assert [h[0] for h in hits] == [0, 0, 2]


def test_case_and_words_must_match():
    assert find_quote("kfor", ("KFOR",)) == []
    assert find_quote("", ("anything",)) == []


def test_offsets_survive_leading_space_and_runs():
    paragraphs = ("  lead then “quoted words”", "a\n\nb  c")
    [(i, s, e)] = find_quote('"quoted words"', paragraphs)
    assert paragraphs[0][s:e] == "“quoted words”"
    [(i, s, e)] = find_quote("a b c", paragraphs)
    assert (i, paragraphs[1][s:e]) == (1, "a\n\nb  c")
