"""Generate a synthetic KFOR corpus of any size: realistic, deterministic by seed, valid under `check --strict`.

    python bench/generate.py N DIR [--seed S]

Writes DIR/reference.toml (people, places, organisations) and N article briefings of 6-10 paragraphs with
ten records each (contingents, visits, tensions, figures, events; one article in ten adds a conflicting
figure and the conflict record that ties the two claims), every record citing a sentence of its own article;
all date and quantity forms of the format appear.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

import tomli_w

NATIONS = {  # code: (adjective, noun for soldiers)
    "TUR": "Turkish",
    "ITA": "Italian",
    "USA": "American",
    "DEU": "German",
    "AUT": "Austrian",
    "HUN": "Hungarian",
    "POL": "Polish",
    "GBR": "British",
    "SVN": "Slovenian",
    "ALB": "Albanian",
    "BGR": "Bulgarian",
    "GRC": "Greek",
    "ROU": "Romanian",
    "CHE": "Swiss",
    "MDA": "Moldovan",
    "FIN": "Finnish",
    "DNK": "Danish",
    "LUX": "Luxembourgish",
    "BEL": "Belgian",
    "NLD": "Dutch",
    "HRV": "Croatian",
    "CZE": "Czech",
    "IRL": "Irish",
    "MNE": "Montenegrin",
    "MKD": "North Macedonian",
    "PRT": "Portuguese",
    "SWE": "Swedish",
    "LVA": "Latvian",
    "LTU": "Lithuanian",
}
PEOPLE = [
    ("Yuriko Backes", "LUX", "Minister of Defence"),
    ("Enrico Barduani", "ITA", "KFOR Commander"),
    ("Theo Francken", "BEL", "Minister of Defence"),
    ("Vjosa Osmani", "XKX", "President"),
    ("Ejup Maqedonci", "XKX", "Minister of Defence"),
    ("Robert Golob", "SVN", "Prime Minister"),
    ("Mircea Geoană", "ROU", "NATO Deputy Secretary General"),
    ("Albin Kurti", "XKX", "Prime Minister"),
    ("Al Carns", "GBR", "Armed Forces Minister"),
    ("Steve Thull", "LUX", "Chief of Defence"),
    ("Donika Gërvalla-Schwarz", "XKX", "Foreign Minister"),
    ("Özlem Kaya", "TUR", "Deputy Minister"),
    ("Jana Novák", "CZE", "State Secretary"),
    ("Marco Rossi", "ITA", "Brigadier General"),
    ("Anna Kowalska", "POL", "Minister of National Defence"),
    ("Lukas Gruber", "AUT", "Colonel"),
]
PLACES = [
    ("Camp Film City", "camp", ["Film City"]),
    ("Camp Novo Selo", "camp", ["Novo Selo", "Novo Solo"]),
    ("Camp Bondsteel", "camp", ["Bondsteel"]),
    ("Camp Villaggio Italia", "camp", ["Villaggio Italia"]),
    ("Pristina", "city", ["Prishtina", "Priština"]),
    ("Mitrovica", "city", ["Mitrovicë"]),
    ("Zvečan", "town", ["Zvecan", "Zveçan"]),
    ("Leposavić", "town", ["Leposavic"]),
    ("Jarinje", "crossing", ["Jarinje crossing"]),
    ("Banjska", "village", ["Banjskë"]),
    ("Prizren", "city", []),
    ("Peja", "city", ["Peć", "Pec"]),
]
ROLES = [
    "manoeuvre battalion",
    "military police",
    "ISR detachment",
    "medical support",
    "engineering company",
    "liaison and monitoring team",
    "operational reserve",
    "aerial surveillance",
    "logistics support",
]
TENSIONS = [
    "roadblocks near the administrative boundary line",
    "clashes outside the municipal building",
    "an armed attack on a police patrol",
    "protests over vehicle licence plates",
    "an explosion damaging a canal",
    "arrests at a border crossing",
]
TOPICS = [
    "regional security",
    "ammunition production",
    "freedom of movement",
    "the EU-facilitated dialogue",
    "defence cooperation",
    "Women, Peace and Security",
    "Russian disinformation",
    "the FSK's mandate",
]
PUBLISHERS = [
    ("NATO", "A"),
    ("European Western Balkans", "C"),
    ("Chronicle.lu", "B"),
    ("Kosovo Online", "C"),
    ("Balkan Insight", "B"),
    ("unknown outlet", "F"),
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FILLER = [
    "The mission continues to act impartially, in line with its UN mandate.",
    "Officials stressed that the situation in the north remains calm but fragile.",
    "The ministry said further details would be announced in the coming weeks.",
    "Observers noted that cooperation between the contributing nations had grown closer over the year.",
    "The statement recalled that the mission was first deployed in 1999.",
]


def slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower().encode("ascii", "ignore").decode()).strip("-")


def reference() -> dict:
    orgs = [
        {"id": "org:kfor", "name": "Kosovo Force", "short": "KFOR", "kind": "mission"},
        {"id": "org:nato", "name": "North Atlantic Treaty Organization", "short": "NATO", "kind": "alliance"},
    ]
    orgs += [
        {"id": f"org:{code.lower()}-army", "name": f"{adj} Armed Forces", "kind": "armed_force", "nation": code}
        for code, adj in NATIONS.items()
    ]
    people = [
        {"id": f"person:{slug(name)}", "name": name, "nation": nation, "roles": [{"title": role}]}
        for name, nation, role in PEOPLE
    ]
    places = [
        {"id": f"place:{slug(name)}", "name": name, "kind": kind, "aliases": aliases, "nation": "XKX"}
        for name, kind, aliases in PLACES
    ]
    return {
        "format": "kfor-briefing/1",
        "briefing": {
            "id": "gen-reference",
            "title": "Generated reference entities",
            "as_of": date(2026, 1, 1),
            "marking": "UNCLASSIFIED // SYNTHETIC",
        },
        "organisations": orgs,
        "people": people,
        "places": places,
    }


def day_text(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def article(number: int, rng: random.Random) -> dict:
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3900))
    publisher, reliability = rng.choice(PUBLISHERS)
    source_id = f"src-gen-{number:05d}"
    paragraphs: list[str] = []
    records: dict[str, list[dict]] = {
        "contingents": [],
        "visits": [],
        "tensions": [],
        "figures": [],
        "events": [],
        "conflicts": [],
    }

    def cite(sentence: str, quote: str | None = None, **extra) -> list[dict]:
        return [{"src": source_id, "quote": quote or sentence, **extra}]

    def say(sentence: str) -> str:
        """Add a sentence to the article; one that would repeat an earlier one (two records drawn alike) is
        made distinct, so every quote occurs once in its source."""
        while any(sentence in paragraph for paragraph in paragraphs):
            sentence = sentence[:-1] + ", as a later report added."
        paragraphs.append(sentence + " " + rng.choice(FILLER))
        return sentence

    def before(days: int) -> date:
        return published - timedelta(days=rng.randrange(1, days))

    for k in range(2):  # contingents
        code = rng.choice(list(NATIONS))
        size = rng.choice([13, 90, 103, 100, 250, 350, 500, 520])
        role, camp = rng.choice(ROLES), rng.choice(PLACES[:4])[0]
        start = before(400)
        if rng.random() < 0.5:
            end = published + timedelta(days=rng.randrange(60, 900))
            period = {
                "start": start.isoformat(),
                "end": f"{end.year}-{end.month:02d}",
                "end_kind": "planned",
                "text": f"until {MONTHS[end.month - 1]} {end.year}",
            }
            tail = f", and will stay until {MONTHS[end.month - 1]} {end.year}"
        else:
            period = {"start": start.isoformat(), "text": "for as long as necessary"}
            tail = " for as long as necessary"
        about = rng.random() < 0.4
        strength = {"value": size, "qualifier": "about", "text": f"around {size}"} if about else size
        words = f"around {size}" if about else f"{size:,}"
        sentence = say(f"A {NATIONS[code]} {role} of {words} soldiers arrived at {camp} on {day_text(start)}{tail}.")
        records["contingents"].append(
            {
                "id": f"ctg-gen-{number:05d}-{k}",
                "name": f"{NATIONS[code]} {role}",
                "mission": "org:kfor",
                "nation": code,
                "role": role,
                "camp": f"place:{slug(camp)}",
                "strength": strength,
                "period": period,
                "cite": cite(sentence, credibility=rng.choice([2, 3])),
            }
        )

    person, nation, role = rng.choice(PEOPLE)
    host = rng.choice(PEOPLE)
    when = before(30)
    topic = rng.choice(TOPICS)
    sentence = say(
        f"On {day_text(when)}, {role} {person} visited {rng.choice(PLACES[:5])[0]} and met {host[0]} "
        f"to discuss {topic}."
    )
    records["visits"].append(
        {
            "id": f"visit-gen-{number:05d}",
            "title": f"{person} visits Kosovo",
            "visitors": [{"person": f"person:{slug(person)}", "role": role, "nation": nation}],
            "when": when.isoformat(),
            "when_text": day_text(when),
            "host_nation": "XKX",
            "meetings": [{"with": [f"person:{slug(host[0])}"], "topics": [topic]}],
            "cite": cite(sentence),
        }
    )

    for k in range(2):  # tensions
        what, place = rng.choice(TENSIONS), rng.choice(PLACES[4:])[0]
        when = before(200)
        injured = rng.choice([3, 11, 19, 30, 52])
        month_only = rng.random() < 0.5
        when_value = f"{when.year}-{when.month:02d}" if month_only else when.isoformat()
        when_words = f"in {MONTHS[when.month - 1]} {when.year}" if month_only else f"on {day_text(when)}"
        sentence = say(
            f"KFOR reported {what} near {place} {when_words}, in which {injured} people were injured; "
            f"the number of patrols was tripled."
        )
        records["tensions"].append(
            {
                "id": f"tension-gen-{number:05d}-{k}",
                "title": f"{what.capitalize()} near {place}",
                "when": when_value,
                "where": [f"place:{slug(place)}"],
                "kind": "clash",
                "casualties": [{"kind": "injured", "group": "people at the scene", "count": injured}],
                "responses": [{"kind": "patrols", "by": "org:kfor", "text": "patrols tripled"}],
                "cite": cite(sentence),
            }
        )

    total = rng.choice([3762, 3800, 4273, 4443, 4500, 4771])
    nations = rng.choice([27, 28, 29, 30, 31])
    sentence = say(f"Currently, the KFOR mission consists of {total:,} personnel from {nations} countries.")
    month = f"{published.year}-{published.month:02d}"
    for k, (metric, value) in enumerate((("personnel", total), ("contributing_nations", nations))):
        records["figures"].append(
            {
                "id": f"fig-gen-{number:05d}-{k}",
                "subject": "org:kfor",
                "metric": metric,
                "value": value,
                "as_of": month,
                "as_of_basis": "inferred",
                "cite": cite(sentence, f"{total:,} personnel" if k == 0 else f"from {nations} countries"),
            }
        )

    if number % 10 == 3:  # one article in ten also carries a conflicting count: both claims kept, tied together
        other = total + rng.choice([-300, -120, 150, 400])
        sentence = say(f"A ministry statement quoted in the same report put the mission at {other:,} personnel.")
        records["figures"].append(
            {
                "id": f"fig-gen-{number:05d}-alt",
                "subject": "org:kfor",
                "metric": "personnel",
                "value": other,
                "as_of": month,
                "as_of_basis": "inferred",
                "cite": cite(sentence, f"{other:,} personnel"),
            }
        )
        records["conflicts"].append(
            {
                "id": f"conflict-gen-{number:05d}",
                "title": f"KFOR personnel: {total:,} or {other:,}",
                "claims": [f"fig-gen-{number:05d}-0", f"fig-gen-{number:05d}-alt"],
                "note": "two counts in one report; neither is preferred",
            }
        )

    kinds = ["announcement", "decision", "statement", "pledge", "extension"]
    for k in range(3):  # events
        code = rng.choice(list(NATIONS))
        when = before(90)
        kind = kinds[(number + k) % len(kinds)]
        if kind == "extension":
            until = published.year + rng.randrange(1, 4)
            sentence = say(
                f"The {NATIONS[code]} government confirmed on {day_text(when)} that it will keep its "
                f"contribution to KFOR until at least December {until}."
            )
            extra = {
                "period": {
                    "end": f"{until}-12",
                    "end_bound": "no_earlier_than",
                    "end_kind": "planned",
                    "text": f"until at least December {until}",
                }
            }
        else:
            sentence = say(
                f"The {NATIONS[code]} ministry issued a {kind} on {day_text(when)} about {rng.choice(TOPICS)}."
            )
            extra = {}
        records["events"].append(
            {
                "id": f"evt-gen-{number:05d}-{k}",
                "title": f"{NATIONS[code]} {kind}",
                "kind": kind,
                "when": when.isoformat(),
                "nations": [code],
                "actors": [f"org:{code.lower()}-army"],
                **extra,
                "cite": cite(sentence),
            }
        )

    rng.shuffle(paragraphs)
    while len(paragraphs) < 6 + number % 5:
        paragraphs.append(" ".join(rng.sample(FILLER, 3)))
    return {
        "format": "kfor-briefing/1",
        "briefing": {
            "id": f"gen-{number:05d}",
            "title": f"Generated briefing {number}",
            "as_of": published + timedelta(days=7),
            "marking": "UNCLASSIFIED // SYNTHETIC",
        },
        "sources": [
            {
                "id": source_id,
                "title": f"KFOR update {number}",
                "publisher": publisher,
                "published": published,
                "reliability": reliability,
                "paragraphs": paragraphs,
            }
        ],
        **{table: rows for table, rows in records.items() if rows},
    }


GENERATOR_VERSION = "3"  # written to DIR/.generator: bench/bench.py regenerates a corpus of another version


def generate(count: int, folder: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".generator").write_text(f"{GENERATOR_VERSION} {seed}\n", encoding="utf-8")
    paths = [folder / "reference.toml"]
    paths[0].write_text(tomli_w.dumps(reference()), encoding="utf-8")
    for number in range(count):
        sub = folder / f"{number // 1000:03d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"article-{number:05d}.toml"
        path.write_text(tomli_w.dumps(article(number, rng), multiline_strings=False), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.count, args.folder, args.seed)
    print(f"wrote {len(paths)} files to {args.folder}")


if __name__ == "__main__":
    main()
