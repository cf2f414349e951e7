"""`kfor-tui new`: the text of an empty briefing for a writer who starts from notes.

Only the metadata is active, so `check --strict` passes on the file as written. Below it, one example of
each kind of record, commented out: deleting the leading "# " of a block's lines makes it live, and the
examples together are a valid briefing (tests/test_import_cli.py uncomments them all and checks the
result), so a writer learns the format from records that load. The shapes follow docs/format.md.
"""

from __future__ import annotations

from datetime import date

from kfor_tui.io.builders import FORMAT

# The examples as live TOML; `scaffold_text` comments every line out. Lines that are comments here stay
# comments when a block is uncommented. Blocks are separated by blank lines.
EXAMPLES = """\
# A source: the article. Its text goes in `paragraphs`, one string per paragraph, exactly as published;
# every quote below is checked against it. `kfor-tui import PAGE.html` writes this part for you.
[[sources]]
id = "src-example-2025-07"
title = "Ministers meet the Benelux Detachment"
publisher = "Example Chronicle"
url = "https://example.org/ministers-meet-the-benelux-detachment"
published = "2025-07"
published_basis = "inferred"
language = "en"
reliability = "B"
reliability_note = "Established outlet relaying an official release."
note = "Cleaning: removed the photo caption above the text. Date: the page has none; the visit dates it."
paragraphs = [
  "On 2 and 3 July 2025, Luxembourg's Minister of Defence, Yuriko Backes, paid a working visit to Kosovo.",
  "The Benelux Detachment has seven soldiers from Luxembourg, five from Belgium and one from the Netherlands.",
  "They serve at Camp Novo Selo for one year, until April 2026.",
  "In Pristina she met President Vjosa Osmani to discuss regional stability.",
  "KFOR Commander Major General Enrico Barduani received the ministers at Camp Film City.",
  "Currently, the KFOR mission consists of 4,443 personnel from 28 countries.",
  "Another report put the mission at fewer than 4,000 troops.",
  "In September of last year, an armed group attacked Kosovo police in the north.",
  "One police officer was killed. KFOR tripled the number of patrols.",
  "The Council of Ministers of Albania decided to extend its participation in KFOR until 2027.",
  "The detachment numbers 13 soldiers: Luxembourg 7, Belgium 5, Netherlands 1.",
]

# Entities (organisations, people, places) need no citation. The bundled reference.toml already defines
# org:kfor, person:yuriko-backes and many more: checked together with it, cite those ids instead.
[[organisations]]
id = "org:kfor"
name = "Kosovo Force"
short = "KFOR"
kind = "mission"

[[people]]
id = "person:yuriko-backes"
name = "Yuriko Backes"
nation = "LUX"
roles = [{ title = "Minister of Defence" }]

[[people]]
id = "person:vjosa-osmani"
name = "Vjosa Osmani"
nation = "XKX"

[[people]]
id = "person:enrico-barduani"
name = "Enrico Barduani"
nation = "ITA"

[[places]]
id = "place:camp-novo-selo"
name = "Camp Novo Selo"
aliases = ["Novo Selo"]
kind = "camp"
nation = "XKX"

[[places]]
id = "place:pristina"
name = "Pristina"
kind = "city"
nation = "XKX"

# A contingent: a national (or multinational) force in the mission.
[[contingents]]
id = "ctg-example-benelux"
name = "Benelux Detachment"
mission = "org:kfor"
lead_nation = "LUX"
composition = [{ nation = "LUX", strength = 7 }, { nation = "BEL", strength = 5 }, { nation = "NLD", strength = 1 }]
camp = "place:camp-novo-selo"
period = { end = "2026-04", end_kind = "planned", text = "for one year, until April 2026" }
[[contingents.cite]]
src = "src-example-2025-07"
quote = "seven soldiers from Luxembourg, five from Belgium and one from the Netherlands"
for = ["composition"]
credibility = 2
[[contingents.cite]]
src = "src-example-2025-07"
quote = "They serve at Camp Novo Selo for one year, until April 2026."
for = ["camp", "period"]

# A visit, with a meeting during it; each citation may support only some fields (`for`).
[[visits]]
id = "visit-example-backes-2025-07"
title = "Luxembourg's Defence Minister visits Kosovo"
visitors = [{ person = "person:yuriko-backes" }]
kind = "working"
when = "2025-07-02/2025-07-03"
when_text = "2 and 3 July 2025"
where = ["place:camp-novo-selo", "place:pristina"]
host_nation = "XKX"
meetings = [{ with = ["person:vjosa-osmani"], where = "place:pristina", topics = ["regional stability"] }]
[[visits.cite]]
src = "src-example-2025-07"
quote = "On 2 and 3 July 2025, Luxembourg's Minister of Defence, Yuriko Backes, paid a working visit to Kosovo."
[[visits.cite]]
src = "src-example-2025-07"
quote = "In Pristina she met President Vjosa Osmani to discuss regional stability."
for = ["meetings"]

# A tension (a security incident), with its casualties and a response. The date is relative to the
# source's publication ("last year"), and says so.
[[tensions]]
id = "tension-example-police-attack-2024-09"
title = "Armed attack on Kosovo police in the north"
when = "2024-09"
when_text = "In September of last year"
when_basis = "relative_to_published"
kind = "armed_attack"
casualties = [{ kind = "killed", group = "Kosovo police officers", nation = "XKX", count = 1 }]
responses = [{ kind = "patrols", by = "org:kfor", text = "KFOR tripled the number of patrols." }]
[[tensions.cite]]
src = "src-example-2025-07"
quote = "In September of last year, an armed group attacked Kosovo police in the north."
[[tensions.cite]]
src = "src-example-2025-07"
quote = "One police officer was killed. KFOR tripled the number of patrols."
for = ["casualties", "responses"]

# Figures: a number reported at a date, exactly as stated ("fewer than 4,000" keeps its qualifier).
[[figures]]
id = "fig-example-kfor-2025-07"
subject = "org:kfor"
metric = "personnel"
value = 4443
as_of = "2025-07"
as_of_basis = "inferred"
[[figures.cite]]
src = "src-example-2025-07"
quote = "the KFOR mission consists of 4,443 personnel"
credibility = 2

[[figures]]
id = "fig-example-kfor-fewer-than-4000"
subject = "org:kfor"
metric = "personnel"
value = { value = 4000, qualifier = "less_than", text = "fewer than 4,000 troops" }
as_of = "2025-07"
as_of_basis = "inferred"
[[figures.cite]]
src = "src-example-2025-07"
quote = "Another report put the mission at fewer than 4,000 troops."
credibility = 4

# A figure set: figures reported together with the total the source prints.
[[figure_sets]]
id = "set-example-benelux-2025-07"
title = "Benelux Detachment by nation"
subject = "org:kfor"
metric = "national_contribution"
as_of = "2025-07"
as_of_basis = "inferred"
total = 13
rows = [{ nation = "LUX", value = 7 }, { nation = "BEL", value = 5 }, { nation = "NLD", value = 1 }]
[[figure_sets.cite]]
src = "src-example-2025-07"
quote = "The detachment numbers 13 soldiers: Luxembourg 7, Belgium 5, Netherlands 1."

# An event: an announcement, decision, statement, pledge, extension...
[[events]]
id = "event-example-albania-extends"
title = "Albania extends its participation in KFOR until 2027"
kind = "extension"
when = "2025-07"
when_basis = "inferred"
nations = ["ALB"]
period = { end = "2027", end_kind = "planned", text = "until 2027" }
[[events.cite]]
src = "src-example-2025-07"
quote = "The Council of Ministers of Albania decided to extend its participation in KFOR until 2027."

# A role a person held at a date, as the source reports it.
[[roles]]
id = "role-example-barduani-2025-07"
person = "person:enrico-barduani"
title = "KFOR Commander"
org = "org:kfor"
rank = "Major General"
as_of = "2025-07"
as_of_basis = "inferred"
[[roles.cite]]
src = "src-example-2025-07"
quote = "KFOR Commander Major General Enrico Barduani"

# A conflict: claims that disagree stay separate records, tied together here.
[[conflicts]]
id = "conflict-example-kfor-strength"
title = "KFOR's strength in July 2025: 4,443, or fewer than 4,000?"
claims = ["fig-example-kfor-2025-07", "fig-example-kfor-fewer-than-4000"]
note = "Two reports disagree; each claim keeps its own citation and grade."
"""


def commented(block: str) -> str:
    """Every line behind '# ' (blank lines stay blank, so the blocks stay apart)."""
    return "\n".join(f"# {line}" if line.strip() else "" for line in block.split("\n"))


def scaffold_text(ident: str, title: str, today: date, marking: str, author: str | None = None) -> str:
    """The new briefing: a header, the active metadata and the commented examples."""
    import tomli_w

    briefing: dict[str, object] = {"id": ident, "title": title, "as_of": today, "marking": marking}
    if author:
        briefing["author"] = author
    metadata = tomli_w.dumps({"format": FORMAT, "briefing": briefing})
    header = (
        "# A new kfor-tui briefing (the format: docs/format.md; the workflow: docs/authoring.md).\n"
        "# Give it a title, keep as_of the day your information stops, and add records below. Each example\n"
        "# is commented out: delete the leading '# ' of a block's lines to use it as a start. Then run\n"
        "#   kfor-tui check --strict THIS-FILE\n"
    )
    return f"{header}{metadata}\n{commented(EXAMPLES).rstrip()}\n"
