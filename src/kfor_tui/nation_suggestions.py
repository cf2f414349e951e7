"""The nation code a writer most likely meant when they wrote something else: "UK", "GER", "ROM", "Britain",
"Türkiye". A briefing's check names it beside the error, so a typo is one edit away from right."""

from __future__ import annotations

import difflib
import unicodedata
from functools import lru_cache

from kfor_tui.nations import NATIONS

# Codes writers use that are not ISO 3166-1 alpha-3: the EU's and everyday two-letter forms, ISO codes since
# withdrawn, Olympic (IOC) and FIFA codes, and Kosovo's other codes. Each maps to the ISO code meant.
OTHER_CODES: dict[str, str] = {
    # two-letter forms that are not the ISO alpha-2
    "UK": "GBR",
    "EL": "GRC",
    # withdrawn ISO codes
    "ROM": "ROU",
    "TMP": "TLS",
    "ZAR": "COD",
    "BUR": "MMR",
    "YUG": "SRB",
    "SCG": "SRB",
    # Olympic and FIFA codes of European and KFOR nations
    "GER": "DEU",
    "NED": "NLD",
    "SUI": "CHE",
    "POR": "PRT",
    "CRO": "HRV",
    "SLO": "SVN",
    "BUL": "BGR",
    "GRE": "GRC",
    "DEN": "DNK",
    "LAT": "LVA",
    "ENG": "GBR",
    "SCO": "GBR",
    "WAL": "GBR",
    "NIR": "GBR",
    "MON": "MCO",
    "ISV": "VIR",
    "IVB": "VGB",
    # Olympic and FIFA codes elsewhere that writers meet in the news
    "RSA": "ZAF",
    "KSA": "SAU",
    "UAE": "ARE",
    "IRI": "IRN",
    "PHI": "PHL",
    "MAS": "MYS",
    "INA": "IDN",
    "CHI": "CHL",
    "HAI": "HTI",
    "NGR": "NGA",
    "NIG": "NER",
    "ALG": "DZA",
    "TPE": "TWN",
    "VIE": "VNM",
    "GUA": "GTM",
    "ZIM": "ZWE",
    "ZAM": "ZMB",
    "ANG": "AGO",
    "BAH": "BHS",
    "BAR": "BRB",
    "BRU": "BRN",
    "CAM": "KHM",
    "KUW": "KWT",
    "LIB": "LBN",
    "MGL": "MNG",
    "MYA": "MMR",
    "NEP": "NPL",
    "OMA": "OMN",
    "PAR": "PRY",
    "PUR": "PRI",
    "SRI": "LKA",
    "TAN": "TZA",
    "TRI": "TTO",
    "URU": "URY",
    "LBA": "LBY",
    "SUD": "SDN",
    "BAN": "BGD",
    "GAM": "GMB",
    "MAD": "MDG",
    "MAW": "MWI",
    "MRI": "MUS",
    "SEY": "SYC",
    "TOG": "TGO",
    "CGO": "COG",
    "CRC": "CRI",
    "ESA": "SLV",
    "HON": "HND",
    "NCA": "NIC",
    "FIJ": "FJI",
    "VAN": "VUT",
    "SAM": "WSM",
    "TGA": "TON",
    "SOL": "SLB",
    "ARU": "ABW",
    "BER": "BMU",
    "CAY": "CYM",
    # Kosovo: Olympic KOS, FIFA KVX, vehicle plates RKS, UNMIK travel documents UNK, and the guess KSV
    "KOS": "XKX",
    "KVX": "XKX",
    "RKS": "XKX",
    "UNK": "XKX",
    "KSV": "XKX",
}

_NAME_CUTOFF = 0.8


def _folded(text: str) -> str:
    """Case, accents, dots and a leading "the" set aside: "the U.K." -> "uk", "Türkiye" -> "turkiye"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char)).replace(".", "")
    text = " ".join(text.replace("’", "'").split())
    return text.removeprefix("the ")


@lru_cache(maxsize=1)
def _lookups() -> tuple[dict[str, str], dict[str, str]]:
    """Alpha-2 and other codes (upper case) to alpha-3; folded names, demonyms and aliases to alpha-3.
    Names win over demonyms and demonyms over aliases when two nations share a word."""
    codes = {nation.alpha2: code for code, nation in NATIONS.items()}
    codes.update(OTHER_CODES)
    names: dict[str, str] = {}
    for pick in (lambda n: (n.name,), lambda n: (n.demonym,), lambda n: n.aliases):
        for code, nation in NATIONS.items():
            for name in pick(nation):
                if name:
                    names.setdefault(_folded(name), code)
    return codes, names


def suggest(code: str) -> str | None:
    """The valid alpha-3 code a writer most likely meant by `code`, or None when nothing is close.

    In order: the code itself in any case ("lux" -> "LUX"); an ISO alpha-2 or another common code ("UK",
    "DE", "XK", "GER", "ROM", "KOS"); a name, demonym or alias from the table, ignoring case and accents
    ("Britain", "British", "Turkiye"); then a close match: a code with two letters swapped or one letter
    wrong that fits exactly one nation ("LXU" -> "LUX", "GBE" -> "GBR"), or a name spelled nearly right
    ("Luxemburg" -> "LUX"). A guess that could
    be two nations equally is no guess, so it gives None."""
    text = code.strip()
    if not text:
        return None
    upper = text.upper()
    if upper in NATIONS:
        return upper
    codes, names = _lookups()
    bare = upper.replace(".", "").replace(" ", "")
    if bare in NATIONS:
        return bare
    if bare in codes:
        return codes[bare]
    folded = _folded(text)
    if folded in names:
        return names[folded]
    if bare.isalpha() and len(bare) <= 3:
        return _near_code(bare)
    return _near_name(folded, names)


def _near_code(code: str) -> str | None:
    """The one nation whose alpha-3 code is `code` with two neighbouring letters swapped ("LXU" -> "LUX"), or
    failing that the one a single letter away ("GBE" -> "GBR"). A slip of the fingers keeps the letters, so
    a swap is the likelier mistake."""
    if len(code) != 3:
        return None
    swapped = {code[1] + code[0] + code[2], code[0] + code[2] + code[1]} & NATIONS.keys()
    if swapped:
        return swapped.pop() if len(swapped) == 1 else None
    near = {candidate for candidate in NATIONS if sum(a != b for a, b in zip(candidate, code, strict=True)) == 1}
    return near.pop() if len(near) == 1 else None


def _near_name(folded: str, names: dict[str, str]) -> str | None:
    """The nation whose name, demonym or alias is closest to `folded` (ratio at least _NAME_CUTOFF), unless
    another nation is as close."""
    matcher = difflib.SequenceMatcher(b=folded, autojunk=False)
    best, meant = 0.0, set[str]()
    for name, code in names.items():
        matcher.set_seq1(name)
        if matcher.real_quick_ratio() < _NAME_CUTOFF or matcher.quick_ratio() < _NAME_CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio > best:
            best, meant = ratio, {code}
        elif ratio == best:
            meant.add(code)
    return meant.pop() if best >= _NAME_CUTOFF and len(meant) == 1 else None
