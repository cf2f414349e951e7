"""suggest: the alpha-3 code a writer meant when they wrote "UK", "GER" or "Britain"."""

from __future__ import annotations

import pytest

from kfor_tui.nation_suggestions import OTHER_CODES, suggest
from kfor_tui.nations import NATIONS


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        # valid codes stay as they are, in any case
        ("UKR", "UKR"),
        ("LUX", "LUX"),
        ("XKX", "XKX"),
        ("lux", "LUX"),
        ("Deu", "DEU"),
        (" GBR ", "GBR"),
        # ISO alpha-2 and other two-letter forms
        ("UK", "GBR"),
        ("GB", "GBR"),
        ("DE", "DEU"),
        ("XK", "XKX"),
        ("uk", "GBR"),
        ("U.K.", "GBR"),
        ("US", "USA"),
        ("EL", "GRC"),
        # withdrawn ISO codes, Olympic and FIFA codes
        ("ROM", "ROU"),
        ("GER", "DEU"),
        ("NED", "NLD"),
        ("SUI", "CHE"),
        ("POR", "PRT"),
        ("CRO", "HRV"),
        ("SLO", "SVN"),
        ("BUL", "BGR"),
        ("GRE", "GRC"),
        ("DEN", "DNK"),
        ("LAT", "LVA"),
        ("ger", "DEU"),
        # Kosovo
        ("KOS", "XKX"),
        ("KVX", "XKX"),
        ("RKS", "XKX"),
        ("KOSOVO", "XKX"),
        ("Kosovo", "XKX"),
        ("Kosova", "XKX"),
        ("Kosovë", "XKX"),
        ("Kosovar", "XKX"),
        # names, demonyms and aliases, ignoring case and accents
        ("Britain", "GBR"),
        ("British", "GBR"),
        ("Great Britain", "GBR"),
        ("United Kingdom", "GBR"),
        ("the UK", "GBR"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("turkish", "TUR"),
        ("Germany", "DEU"),
        ("the Netherlands", "NLD"),
        ("Holland", "NLD"),
        ("Dutch", "NLD"),
        ("Macedonia", "MKD"),
        ("Czech Republic", "CZE"),
        ("LUXEMBOURG", "LUX"),
        ("Polish", "POL"),
        # close matches
        ("LXU", "LUX"),
        ("DUE", "DEU"),
        ("GBE", "GBR"),
        ("Luxemburg", "LUX"),
        ("Germnay", "DEU"),
        ("Untied Kingdom", "GBR"),
        ("Sweeden", "SWE"),
    ],
)
def test_suggest(written: str, meant: str) -> None:
    assert suggest(written) == meant


@pytest.mark.parametrize(
    "written",
    [
        "",
        "   ",
        "XYZ",
        "QQ",
        "Q",
        "hello",
        "Atlantis",
        "FRN",  # one letter from FIN, FRA and FRO: no guess
        "Slovania",  # as close to Slovakia as to Slovenia
    ],
)
def test_nothing_close_gives_none(written: str) -> None:
    assert suggest(written) is None


def test_every_suggestion_is_a_valid_code() -> None:
    assert set(OTHER_CODES.values()) <= NATIONS.keys()
    assert not OTHER_CODES.keys() & NATIONS.keys(), "a valid code must never be turned into another"
    for code, nation in NATIONS.items():
        assert suggest(code) == code
        assert suggest(code.lower()) == code
        assert suggest(nation.name) == code, nation.name
        assert suggest(nation.alpha2) == code, nation.alpha2


def test_every_demonym_names_its_nation() -> None:
    for code, nation in NATIONS.items():
        if nation.demonym:
            assert suggest(nation.demonym) == code, nation.demonym
