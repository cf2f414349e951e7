import pytest

from kfor_tui.io.quotes import cut_at, find_quote, normalise


def test_curly_quotes_and_white_space_match():
    paragraphs = ("Luxembourg’s Minister   of Defence,\nYuriko Backes, paid a visit.",)
    [(index, start, end)] = find_quote("Luxembourg's Minister of Defence, Yuriko Backes", paragraphs)
    assert index == 0
    assert paragraphs[0][start:end] == "Luxembourg’s Minister   of Defence,\nYuriko Backes"


def test_german_low_quote_is_a_quote_mark():
    assert normalise("„We have")[0] == '"We have'


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


# cut_at: a quote must begin and end where the source's words and numbers do.


def _cut(quote: str, paragraph: str) -> str | None:
    hits = find_quote(quote, (paragraph,))
    assert hits, quote
    _, start, end = hits[0]
    return cut_at(paragraph, start, end)


@pytest.mark.parametrize(
    ("quote", "paragraph", "message"),
    [
        ("Poland 25", "Poland 258 soldiers", 'the quote ends inside the word or number "258"'),
        ("4,44", "KFOR has 4,443 personnel", 'the quote ends inside the word or number "4,443"'),
        ("443 personnel", "KFOR has 4,443 personnel", 'the quote starts inside the word or number "4,443"'),
        ("25", "25,000 troops", 'the quote ends inside the word or number "25,000"'),
        ("25,", "25,000 troops", 'the quote ends inside the word or number "25,000"'),
        ("1", "about 1.5 million", 'the quote ends inside the word or number "1.5"'),
        ("4", "4\u00a0443 personnel", 'the quote ends inside the word or number "4\u00a0443"'),
        ("Pol", "Poland sent troops", 'the quote ends inside the word or number "Poland"'),
        ("land sent", "Poland sent troops", 'the quote starts inside the word or number "Poland"'),
        (
            "oland sen",
            "Poland sent troops",
            'the quote starts inside the word or number "Poland" and ends inside the word or number "sent"',
        ),
        ("Kosov", "in Kosovë", 'the quote ends inside the word or number "Kosovë"'),
        ("Kosove\u0308", "in Kosove\u0308s", 'the quote ends inside the word or number "Kosove\u0308s"'),
    ],
)
def test_a_quote_cut_inside_a_word_or_number_is_named(quote: str, paragraph: str, message: str) -> None:
    assert _cut(quote, paragraph) == message


@pytest.mark.parametrize(
    ("quote", "paragraph"),
    [
        ("Poland 258", "Poland 258 soldiers"),
        ("Poland 258 soldiers", "Poland 258 soldiers"),
        ("sent 25.", "Poland sent 25. Then"),  # punctuation that ends a sentence, not a number
        ('Poland,"', '"Poland," he said'),
        ('"Poland', 'he said "Poland"'),
        ("Luxembourg", "Luxembourg's Minister"),  # an apostrophe is punctuation
        ("16 jets", "F-16 jets"),  # so is a hyphen
        ("4,443", "KFOR has 4,443."),
        ("4,443 personnel", "(4,443 personnel)"),
        ("KFOR", "KFOR"),
        ("京都", "東京都に行く"),  # scripts without spaces: any character boundary may be a word's
    ],
)
def test_a_quote_on_word_boundaries_is_whole(quote: str, paragraph: str) -> None:
    assert _cut(quote, paragraph) is None


def test_cut_at_shortens_a_very_long_word() -> None:
    paragraph = "x" * 200
    message = cut_at(paragraph, 0, 100)
    assert message is not None and len(message) < 100 and "..." in message


def test_cut_at_paragraph_edges_are_boundaries() -> None:
    assert cut_at("abc", 0, 3) is None
    assert cut_at("", 0, 0) is None


def test_occurrences_on_word_boundaries_come_first() -> None:
    paragraphs = ("In 2023, 125 soldiers arrived; then 25 soldiers left.", "Another 25 soldiers.")
    hits = find_quote("25 soldiers", paragraphs)
    assert [paragraphs[i][s:e] for i, s, e in hits] == ["25 soldiers"] * 3
    # whole occurrences in text order, then the cut one
    assert [(i, s) for i, s, _ in hits] == [(0, 36), (1, 8), (0, 10)]
    assert cut_at(paragraphs[0], *hits[0][1:]) is None
    assert cut_at(paragraphs[0], *hits[-1][1:]) == 'the quote starts inside the word or number "125"'


def test_a_quote_found_only_inside_a_word_is_still_found() -> None:
    """find_quote finds; cut_at judges. The loader reports the cut, and the quote keeps its anchor."""
    assert find_quote("Poland 25", ("Poland 258",)) == [(0, 0, 9)]
