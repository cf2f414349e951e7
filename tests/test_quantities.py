from kfor_tui.quantities import Quantity


def test_exact_number():
    q = Quantity(value=4443)
    assert q.display() == "4,443" and q.exact and q.best() == 4443


def test_verbatim_words_are_shown():
    q = Quantity(value=500, qualifier="about", text="Around 500")
    assert q.display() == "Around 500"
    assert q.number() == "~500"
    assert not q.exact


def test_more_than_and_vague():
    assert Quantity(low=4001, qualifier="more_than").number() == ">4,000"
    vague = Quantity(low=200, high=900, qualifier="vague", text="several hundred")
    assert vague.number() == "200-900" and vague.best() == 550


def test_overlap_is_what_makes_a_conflict():
    assert not Quantity(low=5, qualifier="at_least").overlaps(Quantity(value=3))
    assert Quantity(value=500, low=400, high=600, qualifier="about").overlaps(Quantity(value=550))
