from kfor_tui.quantities import Quantity


def test_exact_number():
    q = Quantity(value=4443)
    assert q.display() == "4,443" and q.exact and q.stated() == (4443,) and q.sort_number() == 4443


def test_verbatim_words_are_shown():
    q = Quantity(value=500, qualifier="about", text="Around 500")
    assert q.display() == "Around 500"
    assert q.number() == "~500"
    assert not q.exact


def test_bounds_show_the_stated_number_never_a_derived_one():
    assert Quantity(value=4000, qualifier="more_than").number() == ">4,000"
    assert Quantity(value=5, qualifier="at_least").number() == ">=5"
    assert Quantity(value=6000, qualifier="less_than").number() == "<6,000"
    assert Quantity(value=30, qualifier="at_most").number() == "<=30"


def test_a_vague_amount_shows_the_house_rule_range_marked_never_a_midpoint():
    vague = Quantity(low=200, high=900, qualifier="vague", text="several hundred")
    assert vague.number() == "200-900?" and vague.display() == "several hundred"
    assert vague.stated() == ()  # 200 and 900 are the house rule's, not the source's
    assert vague.sort_number() == 200  # ordered by its low end, as the sorted list's header says
    assert Quantity(low=2, qualifier="vague", text="a number of").number() == ">=2?"


def test_a_stated_range_and_a_unit():
    per_diem = Quantity(low=60, high=120, unit="EUR per day")
    assert per_diem.number() == "60-120 EUR per day" and per_diem.stated() == (60, 120)
    assert Quantity(value=120, unit="EUR per day").number() == "120 EUR per day"


def test_no_midpoint_anywhere():
    assert not hasattr(Quantity, "best") and not hasattr(Quantity, "point")
