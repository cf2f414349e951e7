"""`kfor-tui import` and `kfor-tui new`: a saved article or nothing at all into a new briefing that passes
`check --strict`, with the debris listed, nothing fetched and nothing overwritten."""

from __future__ import annotations

import hashlib
import shutil
import socket
import tomllib
from datetime import date
from pathlib import Path

import pytest

from kfor_tui.cli import main
from support import DATA, ROOT, run_cli

SEEDS = ROOT / "tests" / "data" / "seeds"  # the five source articles of the bundled briefings, as saved
ARTICLE = DATA / "import" / "article.html"
# Each seed is the stored text of a bundled briefing's source: its paragraphs, cleaned by hand, are what
# the import must give, and what the import removes is what the hand-cleaning removed.
SEED_BRIEFINGS = {
    "000_6aa7a766b09a11cd": ("2025-07-lux-visit", ["(L-R) Ejup Maqedonci"]),
    "001_c14bf78cded6c369": ("2025-maqedonci-fsk", ["stray trailing token ('4o')"]),
    "002_de340d00e2e0438d": (
        "2024-03-ewb-bulgaria-slovenia-albania",
        ["'fbpx'", "'Photo: NATO'", "'Related posts' list", "'European Western Balkans'", "'Security'"],
    ),
    "003_ecc3430881c5b6f9": ("2023-06-nato-eu-geoana-lajcak", ["Cleaning: nothing."]),
    "004_0cee4420802aca12": ("2025-10-uk-extension", ["Cleaning: nothing."]),
}


def _strict(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    code = main(["check", "--strict", str(path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 errors, 0 warnings" in out
    return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _source(path: Path) -> dict:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"format", "briefing", "sources"}  # no facts: the writer adds them
    return data["sources"][0]


@pytest.mark.parametrize("seed", sorted(SEED_BRIEFINGS))
def test_each_seed_imports_into_a_briefing_that_passes_strict_check(seed, tmp_path, monkeypatch, capsys):
    if not (SEEDS / f"{seed}.txt").is_file():
        pytest.skip("the seed articles (tests/data/seeds) are missing")
    shutil.copy(SEEDS / f"{seed}.txt", tmp_path / f"{seed}.txt")
    monkeypatch.chdir(tmp_path)
    assert main(["import", f"{seed}.txt"]) == 0
    out = capsys.readouterr().out
    written = tmp_path / f"{seed}.toml"
    assert f"wrote {seed}.toml" in out and "next: kfor-tui check --strict" in out
    _strict(written, capsys)

    source = _source(written)
    bundled, removed = SEED_BRIEFINGS[seed]
    by_hand = tomllib.loads((ROOT / "briefings" / f"{bundled}.toml").read_text(encoding="utf-8"))["sources"][0]
    assert source["paragraphs"] == by_hand["paragraphs"]
    for item in removed:
        assert item in source["note"]
    assert source["reliability"] == "F" and "not yet assessed" in source["reliability_note"]
    assert source["publisher"] == "unknown" and "publisher (written as 'unknown'" in source["note"]
    assert "url" not in source and "language" not in source


def test_a_date_the_text_gives_for_itself_is_inferred(tmp_path, monkeypatch, capsys):
    if not (SEEDS / "003_ecc3430881c5b6f9.txt").is_file():
        pytest.skip("the seed articles (tests/data/seeds) are missing")
    shutil.copy(SEEDS / "003_ecc3430881c5b6f9.txt", tmp_path / "nato.txt")
    monkeypatch.chdir(tmp_path)
    assert main(["import", "nato.txt", "-o", "nato-2023.toml"]) == 0
    source = _source(tmp_path / "nato-2023.toml")
    assert source["title"] == "NATO and EU together for stability in Kosovo and the Western Balkans"
    assert source["published"] == date(2023, 6, 13) and source["published_basis"] == "inferred"
    assert source["published_text"] == "today (13 June 2023)"
    assert source["id"] == "src-2023-06-nato-and-eu-together-for-stability-in-kosovo-and-the-western"


def test_html_page_metadata_is_stated_and_its_debris_listed_and_gone(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KFOR_AUTHOR", raising=False)
    assert main(["import", str(ARTICLE), "-o", "slovenia.toml"]) == 0
    out = capsys.readouterr().out
    assert "removed: cookie notice" in out
    _strict(tmp_path / "slovenia.toml", capsys)
    source = _source(tmp_path / "slovenia.toml")
    assert source["title"] == "Slovenia sends more troops to KFOR"
    assert source["publisher"] == "Balkan Defence Review"
    assert source["url"] == "https://balkandefence.example/2024/03/slovenia-kfor"
    assert source["published"] == date(2024, 3, 22) and source["published_basis"] == "stated"
    assert source["language"] == "en-GB"
    assert len(source["paragraphs"]) == 4
    assert source["paragraphs"][0].startswith("Slovenian authorities announced on Thursday")
    note = source["note"]
    assert "article:published_time" in note and "og:site_name" in note and "Author: Ana Kovač" in note
    for kind, item in [
        ("navigation", "'Home'"),
        ("share buttons", "'Share on Facebook'"),
        ("cookie notice", "'We use cookies"),
        ("'Related posts' list", "'Munich Security Conference"),
        ("page footer", "'© 2024 Balkan Defence Review"),
        ("byline and date", "'By Ana Kovač, 22 March 2024'"),
    ]:
        assert kind in note and item in note
    assert "1 script, 1 tracking pixel" in note
    text = " ".join(source["paragraphs"])
    for debris in ("Share", "Tweet", "cookie", "Related", "Munich", "Privacy", "©", "Home", "By Ana"):
        assert debris not in text
    briefing = tomllib.loads((tmp_path / "slovenia.toml").read_text(encoding="utf-8"))["briefing"]
    assert briefing["as_of"] == date.today() and briefing["marking"] == "UNCLASSIFIED // OPEN SOURCE"
    assert briefing["id"] == "brief-2024-03-slovenia-sends-more-troops-to-kfor" and "author" not in briefing


PAGE = (
    "<html><head><title>Albania extends KFOR mission - Example News</title>{head}</head><body><article>"
    "<h1>Albania extends KFOR mission</h1>{dateline}"
    "<p>The Council of Ministers of Albania has decided to extend the participation of its armed forces in KFOR "
    "until 2027, with soldiers rotating every six months or year.</p>"
    "<p>As a NATO member, Albania currently has 90 members in KFOR mission, the government said in a statement "
    "on its website.</p></article></body></html>"
)
JSON_LD = (
    '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", '
    '"datePublished": "2024-03-28T10:00:00Z"}]}</script>'
)


@pytest.mark.parametrize(
    ("head", "dateline", "basis", "text", "removed"),
    [
        (JSON_LD, "", "stated", "2024-03-28T10:00:00Z", "1 script"),
        ("", '<p class="date">Posted 28 March 2024</p>', "inferred", "Posted 28 March 2024", "'Posted 28 March 2024'"),
    ],
)
def test_a_page_date_is_stated_by_its_metadata_or_inferred_from_its_text(
    head, dateline, basis, text, removed, tmp_path, capsys
):
    page = tmp_path / "albania.html"
    page.write_text(PAGE.format(head=head, dateline=dateline), encoding="utf-8")
    assert main(["import", str(page), "-o", str(tmp_path / "albania.toml")]) == 0
    _strict(tmp_path / "albania.toml", capsys)
    source = _source(tmp_path / "albania.toml")
    assert source["published"] == date(2024, 3, 28) and source["published_basis"] == basis
    assert source["published_text"] == text and removed in source["note"]
    assert all("Posted" not in paragraph for paragraph in source["paragraphs"])


def test_import_never_fetches_anything(tmp_path, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise AssertionError("the import tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert main(["import", str(ARTICLE), "-o", str(tmp_path / "offline.toml")]) == 0
    assert _source(tmp_path / "offline.toml")["publisher"] == "Balkan Defence Review"


def test_output_that_exists_is_refused_and_left_as_it_was(tmp_path, capsys):
    target = tmp_path / "mine.toml"
    target.write_text("# my work\n", encoding="utf-8")
    before = _digest(target)
    assert main(["import", str(ARTICLE), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "mine.toml exists; not overwritten" in err and "Traceback" not in err
    assert _digest(target) == before
    assert main(["new", "-o", str(target)]) == 2
    assert _digest(target) == before
    dangling = tmp_path / "link.toml"
    dangling.symlink_to(tmp_path / "nowhere.toml")
    assert main(["import", str(ARTICLE), "-o", str(dangling)]) == 2
    assert not (tmp_path / "nowhere.toml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.toml", "mine.toml"]  # no temp file left


def test_default_output_is_the_input_name_in_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copy(ARTICLE, tmp_path / "page.html")
    assert main(["import", "page.html"]) == 0
    assert (tmp_path / "page.toml").is_file()
    before = _digest(tmp_path / "page.toml")
    assert main(["import", "page.html"]) == 2  # a second import does not replace the first
    assert _digest(tmp_path / "page.toml") == before


def test_usage_errors_and_unreadable_articles(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["import", "missing.html"]) == 2
    assert "missing.html: no such file" in capsys.readouterr().err
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert main(["import", "notes.pdf"]) == 2
    assert main(["import", str(ARTICLE), "-o", "out.txt"]) == 2
    assert "ends in .toml" in capsys.readouterr().err
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait\n".encode("latin-1"))
    assert main(["import", "latin1.txt"]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    assert main(["import", "empty.txt"]) == 1
    assert "no article text found" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.toml"))


HOSTILE = (
    '<html lang="en"><head>\n'
    "<title>[bold red]Alert[/] \x1b[31m<b>x</b> \u202eevil</title>\n"
    '<meta property="og:title" content="[bold red]KFOR[/] \x1b]8;;http://evil\x07link\x1b]8;;\x07 &quot;&quot;&quot; '
    'end\u200b">\n'
    '<meta property="og:site_name" content="Site\x1b[2J Name">\n'
    '<meta property="article:published_time" content="2099-01-01">\n'
    '<link rel="canonical" href="javascript:alert(1)">\n'
    '<script>alert("pwned"); document.write("<p>injected</p>")</script>\n'
    "</head><body><article>\n"
    "<p>First paragraph with [bold]markup-like[/bold] text and an escape \x1b[31mred\x1b[0m and &#27;[2J entity, "
    "long enough to be kept by the extractor as article text.</p>\n"
    '<p>Second paragraph: """triple quotes""", a backslash \\n and a TOML attempt "]\n[[figures]]\nid = "x" '
    "that must stay data, with more words so it is kept.</p>\n"
    "<p>Third paragraph with bidi \u202eoverride\u202c and zero\u200bwidth and C1 \x9b control characters, plus "
    "enough words to be article text here.</p>\n"
    '<script>var x = "<p>not text</p>";</script>\n'
    "</article></body></html>"
)


def test_hostile_page_stays_data_and_passes_strict_check(tmp_path, capsys):
    page = tmp_path / "hostile.html"
    page.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "hostile.toml"
    assert main(["import", str(page), "-o", str(out)]) == 0
    assert "\x1b" not in capsys.readouterr().out
    _strict(out, capsys)
    raw = out.read_bytes()
    for bad in ("\x1b", "\x07", "\u202e", "\u200b", "\x9b"):
        assert bad.encode("utf-8") not in raw
    data = tomllib.loads(raw.decode("utf-8"))
    assert set(data) == {"format", "briefing", "sources"}  # the "[[figures]]" in the text made no table
    source = data["sources"][0]
    assert source["title"].startswith("[bold red]KFOR[/] ") and '"""' in source["title"]
    assert source["publisher"] == "Site[2J Name"
    assert "url" not in source  # a javascript: address is no URL
    assert "published" not in source and "after today; left out" in source["note"]
    assert "control characters (U+0007, U+001B, U+009B)" in source["note"]
    assert "bidirectional override" in source["note"] and "zero-width" in source["note"]
    text = "\n".join(source["paragraphs"])
    assert "[bold]markup-like[/bold]" in text and '"] [[figures]] id = "x"' in text and '"""triple quotes"""' in text
    assert "pwned" not in text and "not text" not in text and "injected" not in text


def test_plain_text_without_metadata_asks_for_nothing(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "KFOR patrols resume in the north\n\nPatrols resumed on Monday.\x1b[2J They cover the whole "
        "administrative boundary line.\n\nShare\n\n1\n",
        encoding="utf-8",
    )
    out = tmp_path / "notes.toml"
    assert main(["import", str(notes), "-o", str(out)]) == 0
    _strict(out, capsys)
    source = _source(out)
    assert source["title"] == "KFOR patrols resume in the north"
    assert source["paragraphs"] == ["Patrols resumed on Monday.[2J They cover the whole administrative boundary line."]
    assert "share buttons ('Share')" in source["note"] and "stray trailing token ('1')" in source["note"]
    assert "Not stated, so unknown: publisher" in source["note"] and "publication date" in source["note"]
    assert "control character (U+001B)" in source["note"]
    assert "published" not in source


def test_markdown_front_matter_is_stated_and_markup_goes(tmp_path, capsys):
    article = tmp_path / "post.md"
    article.write_text(
        '---\ntitle: "Albania extends KFOR participation"\ndate: 2024-03-28\nauthor: A. Writer\n'
        "url: https://example.org/albania\n---\n\n# Albania extends KFOR participation\n\n"
        "The **Council of Ministers** decided to extend the [participation](https://example.org/x)\n"
        "of its armed forces in KFOR until 2027, with soldiers rotating every six months.\n\n"
        "![A soldier](photo.jpg)\n",
        encoding="utf-8",
    )
    out = tmp_path / "post.toml"
    assert main(["import", str(article), "-o", str(out)]) == 0
    _strict(out, capsys)
    source = _source(out)
    assert source["title"] == "Albania extends KFOR participation"
    assert source["published"] == date(2024, 3, 28) and source["published_basis"] == "stated"
    assert source["url"] == "https://example.org/albania"
    assert source["paragraphs"] == [
        "Albania extends KFOR participation",
        "The Council of Ministers decided to extend the participation of its armed forces in KFOR until 2027, "
        "with soldiers rotating every six months.",
    ]
    assert "images ('A soldier')" in source["note"]


def test_author_comes_from_the_settings(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KFOR_AUTHOR", "J. \u202eAnalyst")  # the override would fail check --strict: it goes
    assert main(["import", str(ARTICLE), "-o", str(tmp_path / "a.toml")]) == 0
    assert main(["new", "-o", str(tmp_path / "b.toml")]) == 0
    for name in ("a.toml", "b.toml"):
        data = tomllib.loads((tmp_path / name).read_text(encoding="utf-8"))
        assert data["briefing"]["author"] == "J. Analyst"
        _strict(tmp_path / name, capsys)


# ---- kfor-tui new


def _blocks(text: str) -> tuple[str, list[str]]:
    """The active part of a new briefing and its commented example blocks (separated by blank lines)."""
    head, _, examples = text.partition("\n\n# ")
    blocks = [block.strip("\n") for block in ("# " + examples).split("\n\n") if block.strip()]
    return head, blocks


def test_new_briefing_passes_strict_check_and_each_example_is_valid(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KFOR_AUTHOR", raising=False)
    out = tmp_path / "kosovo-notes.toml"
    assert main(["new", "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    _strict(out, capsys)
    text = out.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["briefing"]["id"] == "brief-kosovo-notes" and data["briefing"]["as_of"] == date.today()
    assert set(data) == {"format", "briefing"}

    head, blocks = _blocks(text)
    uncommented = []
    for block in blocks:
        lines = block.split("\n")
        assert all(line.startswith("# ") for line in lines), block
        live = "\n".join(line[2:] for line in lines)
        tomllib.loads(live)  # each example parses on its own
        uncommented.append(live)
    live_text = "\n".join(uncommented)
    for table in (
        "[[sources]]",
        "[[organisations]]",
        "[[people]]",
        "[[places]]",
        "[[contingents]]",
        "[[visits]]",
        "meetings = ",
        "[[tensions]]",
        "responses = ",
        "[[figures]]",
        "[[figure_sets]]",
        "[[events]]",
        "[[roles]]",
        "[[conflicts]]",
    ):
        assert table in live_text, table
    # all the examples together: a briefing whose every quote is verified, with no warning
    whole = tmp_path / "examples.toml"
    whole.write_text(head + "\n\n" + "\n\n".join(uncommented) + "\n", encoding="utf-8")
    out_text = _strict(whole, capsys)
    assert "1 sources, 8 facts" in out_text


def test_new_without_output_prints_the_briefing(tmp_path, capsys):
    assert main(["new", "--title", "Notes on the \u202eNorth"]) == 0
    text = capsys.readouterr().out
    data = tomllib.loads(text)
    assert data["briefing"]["title"] == "Notes on the North"  # the title is cleaned like article text
    assert data["briefing"]["id"] == "brief-notes-on-the-north"
    path = tmp_path / "printed.toml"
    path.write_text(text, encoding="utf-8")
    _strict(path, capsys)


def test_the_real_command_lists_both_commands():
    helped = run_cli("--help")
    assert "import   a new briefing from a saved web page" in helped.stdout
    assert "new      a new empty briefing" in helped.stdout
    assert run_cli("import", "--help").returncode == 0
    assert run_cli("new", "--bogus").returncode == 2
