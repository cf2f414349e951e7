"""The capture form's prefill: numbers with their qualifiers, nations, and dates completed from the source's
publication date (never from today), each hint marked found (where) or inferred (why)."""

from __future__ import annotations

import pytest

from kfor_tui.dates import parse_when
from kfor_tui.index.capture_hints import Hint, capture_fields, hints
from kfor_tui.io.record_fields import CAPTURE_KINDS
from kfor_tui.io.stated_numbers import amounts_in, numbers_in

PUBLISHED_DAY = parse_when("2024-03-22")  # a Friday
PUBLISHED_MONTH = parse_when("2024-03", basis="inferred")
LONG_AGO = parse_when("2019-05-02")  # a Thursday: years here are never this year's


def by_field(found: list[Hint]) -> dict[str, Hint]:
    return {hint.field: hint for hint in found}


def assert_marked(selection: str, found: list[Hint]) -> None:
    """Every hint is found at a span of the selection, or inferred with no span; a found value is read from
    the words at its span."""
    for hint in found:
        assert hint.basis in ("found", "inferred"), hint
        if hint.basis == "inferred":
            assert hint.span is None, hint
        else:
            assert hint.span is not None, hint
            start, end = hint.span
            assert 0 <= start < end <= len(selection), hint


# ------------------------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("selection", "value", "qualifier", "words"),
    [
        (
            "Currently, the KFOR mission consists of 4,443 personnel from 28 countries.",
            "4443",
            "exact",
            "4,443 personnel",
        ),
        ("around 1000 additional soldiers were deployed to Kosovo", "1000", "about", "around 1000 additional soldiers"),
        ("KFOR counts well over 4,000 troops", "4000", "more_than", "well over 4,000 troops"),
        ("at least five soldiers were injured", "5", "at_least", "at least five soldiers"),
        ("up to 200 soldiers may follow", "200", "at_most", "up to 200 soldiers"),
        ("fewer than 6,000 personnel remain", "6000", "less_than", "fewer than 6,000 personnel"),
        ("almost 3,800 troops", "3800", "less_than", "almost 3,800 troops"),
        ("a per diem of between 60 and 120 euros", "60-120", "exact", "between 60 and 120 euros"),
    ],
)
def test_a_number_its_qualifier_and_its_words_are_found(selection, value, qualifier, words):
    found = hints(selection, "figure", PUBLISHED_DAY)
    assert_marked(selection, found)
    fields = by_field(found)
    assert fields["value"].value == value and fields["value"].basis == "found"
    start, end = fields["value"].span
    assert selection[start:end].replace(",", "") in (value, "five") or "-" in value
    assert fields["qualifier"].value == qualifier
    assert fields["qualifier"].basis == ("inferred" if qualifier == "exact" else "found")
    if qualifier != "exact" and "-" not in value:
        start, end = fields["qualifier"].span
        assert selection[start:end].lower() in ("around", "well over", "at least", "up to", "fewer than", "almost")
    assert fields["value_text"].value == words and fields["value_text"].basis == "found"


def test_the_number_that_counts_people_is_chosen_and_a_date_is_not_a_number():
    selection = "On 21 March Bulgarian Defence Ministry organised a send-off for a military contingent of 100 soldiers"
    fields = by_field(hints(selection, "figure", PUBLISHED_DAY))
    assert fields["value"].value == "100"  # not 21, the day of the month
    fields = by_field(hints("The 42nd Mechanised Battalion sent 250 troops", "contingent", PUBLISHED_DAY))
    assert fields["strength"].value == "250" and fields["strength_text"].value == "250 troops"


def test_vague_words_take_the_house_rule_as_inferred():
    fields = by_field(hints("several hundred soldiers arrived", "figure", PUBLISHED_DAY))
    assert fields["value"] == Hint("value", "200-900", "inferred", None, "the format's house rule for vague words")
    assert fields["qualifier"].value == "vague" and fields["qualifier"].basis == "found"


def test_what_is_counted_suggests_the_metric():
    assert by_field(hints("from 28 countries", "figure", PUBLISHED_DAY))["metric"].value == "contributing_nations"
    national = by_field(hints("Now, Slovenia participates in KFOR mission with 103 soldiers.", "figure", PUBLISHED_DAY))
    assert national["metric"].value == "national_contribution" and national["nation"].value == "SVN"
    assert national["metric"].basis == "inferred"
    mission = by_field(hints("the KFOR mission consists of 4,443 personnel", "figure", PUBLISHED_DAY))
    assert mission["metric"].value == "personnel" and "nation" not in mission
    assert mission["subject"] == Hint("subject", "org:kfor", "found", (4, 8))


# ------------------------------------------------------------------------------------------------ nations


@pytest.mark.parametrize(
    ("selection", "code", "words"),
    [
        ("As a NATO member, Albania currently has 90 members in KFOR mission.", "ALB", "Albania"),
        ("Slovenian PM Robert Golob said 103 soldiers serve", "SVN", "Slovenian"),
        ("the GBR contingent of 600 troops", "GBR", "GBR"),
        ("the UK sent 600 troops", "GBR", "UK"),
        ("Luxembourg’s 7 soldiers", "LUX", "Luxembourg"),
    ],
)
def test_a_nation_is_found_by_name_demonym_or_code(selection, code, words):
    hint = by_field(hints(selection, "figure", PUBLISHED_DAY))["nation"]
    assert hint.value == code and hint.basis == "found"
    start, end = hint.span
    assert selection[start:end] == words


def test_kosovo_is_where_kfor_serves_not_a_contributing_nation():
    fields = by_field(hints("around 1000 additional soldiers were deployed to Kosovo", "figure", PUBLISHED_DAY))
    assert "nation" not in fields and fields["metric"].value == "personnel"
    event = by_field(hints("KFOR called on Kosovo and Serbia to refrain", "event", PUBLISHED_DAY))
    assert event["nations"].value == "XKX, SRB"
    visit = by_field(hints("paid a working visit to Kosovo.", "visit", PUBLISHED_DAY))
    assert visit["host_nation"].value == "XKX" and visit["kind"].value == "working"


def test_a_contingent_is_named_after_its_nation_as_inferred():
    fields = by_field(
        hints("Now, Slovenia participates in KFOR mission with 103 soldiers.", "contingent", PUBLISHED_DAY)
    )
    assert fields["name"] == Hint("name", "Slovenian contingent", "inferred", None, "from the nation")
    assert fields["mission"].value == "org:kfor" and fields["nation"].value == "SVN"


# -------------------------------------------------------------------------------------------------- dates


def test_a_day_and_month_take_the_year_of_publication_never_today():
    selection = "On 21 March Bulgarian Defence Ministry organised a ceremonial send-off"
    fields = by_field(hints(selection, "event", PUBLISHED_DAY))
    assert fields["when"].value == "2024-03-21" and fields["when"].basis == "inferred"
    assert fields["when_basis"].value == "year_from_published"
    assert fields["when_text"] == Hint("when_text", "On 21 March", "found", (0, 11))
    long_ago = by_field(hints(selection, "event", LONG_AGO))
    assert long_ago["when"].value == "2019-03-21"  # the year is the source's, whatever year it is now
    assert "2019" in long_ago["when"].note


def test_a_date_counted_from_publication_keeps_its_words():
    selection = "After tensions in September of last year, around 1000 additional soldiers were deployed"
    for published in (PUBLISHED_DAY, PUBLISHED_MONTH):
        fields = by_field(hints(selection, "figure", published))
        assert fields["as_of"].value == "2023-09" and fields["as_of_basis"].value == "relative_to_published"
        assert fields["as_of_text"].value == "in September of last year"
    assert by_field(hints(selection, "figure", LONG_AGO))["as_of"].value == "2018-09"


def test_a_whole_date_is_stated_and_found():
    selection = "On 21 March 2024 the contingent of 100 soldiers left"
    fields = by_field(hints(selection, "figure", LONG_AGO))
    assert fields["as_of"] == Hint("as_of", "2024-03-21", "found", (0, 16))
    assert fields["as_of_basis"].value == "stated"
    assert by_field(hints("since September 2023", "event", None))["when"].value == "2023-09"
    visit = by_field(hints("On Wednesday 2 and Thursday 3 July 2025, the minister", "visit", parse_when("2025-07")))
    assert visit["when"].value == "2025-07-02/2025-07-03"


@pytest.mark.parametrize(
    ("words", "published", "value"),
    [
        ("decided last week", PUBLISHED_DAY, "2024-03-11/2024-03-17"),
        ("decided last week", PUBLISHED_MONTH, "2024-03"),  # a week of a source dated to the month
        ("KFOR stated on Friday", parse_when("2024-03-23"), "2024-03-22"),
        ("KFOR stated yesterday", PUBLISHED_DAY, "2024-03-21"),
        ("earlier last month", LONG_AGO, "2019-04"),
        ("last year", LONG_AGO, "2018"),
    ],
)
def test_relative_dates_count_from_the_publication(words, published, value):
    fields = by_field(hints(words, "event", published))
    assert fields["when"].value == value and fields["when_basis"].value == "relative_to_published"
    assert fields["when"].basis == "inferred" and fields["when"].span is None


def test_currently_is_the_publication_date_and_no_date_is_inferred_from_it():
    fields = by_field(hints("Currently, the KFOR mission consists of 4,443 personnel", "figure", PUBLISHED_MONTH))
    assert fields["as_of"].value == "2024-03" and fields["as_of_basis"].value == "inferred"
    assert fields["as_of_text"] == Hint("as_of_text", "Currently", "found", (0, 9))
    bare = by_field(hints("KFOR Commander Major General Enrico Barduani", "role", LONG_AGO))
    assert bare["as_of"].value == "2019-05-02" and bare["as_of"].basis == "inferred"
    assert bare["title"].value == "KFOR Commander" and bare["rank"].value == "Major General"


def test_without_a_publication_date_a_partial_date_is_left_open():
    fields = by_field(hints("On 21 March the contingent of 100 soldiers left", "figure", None))
    assert "as_of" not in fields and "as_of_basis" not in fields  # no year to give it: never this year's
    assert fields["as_of_text"].value == "On 21 March"


def test_a_date_after_the_source_is_offered_as_planned():
    selection = "the mission applies from 31 December of this year until 31 December 2027"
    fields = by_field(hints(selection, "event", PUBLISHED_DAY))
    assert fields["when"].value == "2024-12-31" and fields["when_kind"].value == "planned"


# ---------------------------------------------------------------------------------------------- the form


def test_the_suggested_id_names_kind_subject_and_date_and_is_new():
    selection = "Currently, the KFOR mission consists of 4,443 personnel from 28 countries."
    assert by_field(hints(selection, "figure", PUBLISHED_MONTH))["id"].value == "fig-kfor-personnel-2024-03"
    again = hints(selection, "figure", PUBLISHED_MONTH, taken={"fig-kfor-personnel-2024-03"})
    assert by_field(again)["id"] == Hint("id", "fig-kfor-personnel-2024-03-2", "inferred", None, again[0].note)


@pytest.mark.parametrize("kind", CAPTURE_KINDS)
def test_every_kind_has_its_form_and_hints_fill_only_its_fields(kind):
    fields = capture_fields(kind)
    names = [spec.name for spec in fields]
    assert names[0] == "id" and names[-2:] == ["quote", "credibility"] and len(set(names)) == len(names)
    assert fields[-2].read_only and fields[-2].required and not fields[-1].required
    selection = "On 21 March around 1000 Bulgarian soldiers of KFOR were deployed to Kosovo, the Minister said."
    found = hints(selection, kind, PUBLISHED_DAY)
    assert_marked(selection, found)
    assert [hint.field for hint in found] == [name for name in names if name in {h.field for h in found}]
    for hint in found:
        spec = next(spec for spec in fields if spec.name == hint.field)
        assert not spec.choices or hint.value in spec.choices, hint


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown capture kind"):
        capture_fields("rumour")
    with pytest.raises(ValueError, match="unknown capture kind"):
        hints("text", "rumour", None)


@pytest.mark.parametrize(
    "text",
    [
        "Currently, the KFOR mission consists of 4,443 personnel from 28 countries.",
        "two hundred and fifty men, 5 thousand troops, 1.5 days, 4\u00a0443 and 4 443, one two three",
        "İstanbul sent 40 soldiers and twenty-eight officers",
    ],
)
def test_the_numbers_hints_offer_are_those_the_quote_check_reads(text):
    """amounts_in (the spans hints use) reads a text as numbers_in (the loader's check) does."""
    found = amounts_in(text)
    assert {value for _, _, value in found} <= numbers_in(text)
    assert {value for _, _, value in found} >= {value for value in numbers_in(text) if value > 999} - {4, 443}
    for start, end, value in found:
        assert value in numbers_in(text[start:end]), (text[start:end], value)
