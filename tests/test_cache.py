"""The persistent load cache (kfor_tui.io.cache) never changes what a load returns: cold, warm, after an edit,
after its file is corrupted, truncated or from another version, and through reload.Loader."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest

from kfor_tui.io import cache as cache_module
from kfor_tui.io.loader import load
from kfor_tui.io.reload import Loader
from kfor_tui.model import Corpus
from support import ROOT

BAD_FILES = {
    # a duplicate id, an unknown reference, a control character and a bidi override (sanitised, warned)
    "zz-dupe.toml": """format = "kfor-briefing/1"

[briefing]
id = "b-dupe"
title = "Dupe \\u0007 bell"
as_of = 2025-07-10
marking = "UNCLASSIFIED"

[[sources]]
id = "src-dupe"
title = "Right\u202eleft"
publisher = "Outlet"
published = "2025-07-05"
paragraphs = ["Around 500 Turkish service members arrived on 5 June."]

[[events]]
id = "src-dupe"
when = "2025-06-05"
summary = "x"
cite = [{ src = "src-nowhere", quote = "arrived" }]
""",
    "zz-syntax.toml": 'format = "kfor-briefing/1"\n[briefing\n',
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    folder = tmp_path / "corpus"
    generate(12, folder, seed=3)
    for name, text in BAD_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KFOR_CACHE", "1")
    monkeypatch.setenv("KFOR_CACHE_DIR", str(folder))
    return folder


def uncached(paths: list[Path]) -> Corpus:
    saved = os.environ.get("KFOR_CACHE")
    os.environ["KFOR_CACHE"] = "0"
    try:
        return load(paths)
    finally:
        os.environ["KFOR_CACHE"] = saved or ""


def same(a: Corpus, b: Corpus) -> None:
    assert a.problems == b.problems
    assert a == b
    assert a.by_id == b.by_id
    assert [r.cites for r in a.by_id.values()] == [r.cites for r in b.by_id.values()]  # anchors too


def cache_files(folder: Path) -> list[Path]:
    """The per-file entries' file of each corpus cached."""
    return sorted(folder.glob("files-*.pickle"))


def whole_files(folder: Path) -> list[Path]:
    """The assembled corpus's file of each corpus cached."""
    return sorted(folder.glob("corpus-*.pickle"))


def test_cold_warm_and_edited_loads_equal_an_uncached_load(corpus: Path, cached: Path, monkeypatch) -> None:
    expected = uncached([corpus])
    assert expected.problems  # the bad files make problems of every kind
    same(load([corpus]), expected)  # cold: fills the cache
    assert len(cache_files(cached)) == 1

    parsed: list[str] = []
    real = cache_module.Cache.put

    def counting(self: cache_module.Cache, key: str, meta: tuple[Any, ...], value: Any, **kwargs: Any) -> None:
        parsed.append(key)
        real(self, key, meta, value, **kwargs)

    monkeypatch.setattr(cache_module.Cache, "put", counting)
    same(load([corpus]), expected)  # warm: nothing parsed
    assert parsed == []

    article = sorted(corpus.rglob("article-*.toml"))[3]
    text = article.read_text(encoding="utf-8")
    stat = article.stat()
    at = text.index('title = "') + len('title = "')
    edited = text[:at] + ("Q" if text[at] != "Q" else "R") + text[at + 1 :]
    assert edited != text and len(edited.encode()) == len(text.encode())  # same size and mtime: only the hash differs
    article.write_text(edited, encoding="utf-8")
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: the content hash still sees it
    expected = uncached([corpus])
    same(load([corpus]), expected)
    assert parsed == [os.path.abspath(article)]

    (corpus / "zz-syntax.toml").unlink()
    expected = uncached([corpus])
    same(load([corpus]), expected)
    same(load([corpus]), expected)


def break_bytes(path: Path, damage: str) -> bool:
    """Damage a cache file by kind ("garbage", "truncated", "empty"); False for other kinds."""
    blob = path.read_bytes()
    broken = {"garbage": b"\x80\x05not a pickle at all" * 10, "truncated": blob[: len(blob) // 2], "empty": b""}
    if damage not in broken:
        return False
    path.write_bytes(broken[damage])
    return True


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-version"])
def test_a_damaged_corpus_file_is_ignored_and_rewritten(corpus: Path, cached: Path, damage: str) -> None:
    expected = uncached([corpus])
    load([corpus])
    [path] = whole_files(cached)
    blob = path.read_bytes()
    if not break_bytes(path, damage):
        import io

        stream = io.BytesIO(blob)
        header, signature = pickle.load(stream)
        rest = stream.read()
        path.write_bytes(pickle.dumps((("kfor-tui-cache", header[1], "0.0.0-other"), signature)) + rest)
    same(load([corpus]), expected)
    with path.open("rb") as handle:
        assert pickle.load(handle)[0] == cache_module.HEADER  # rewritten whole
    same(load([corpus]), expected)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-version", "bad-entry"])
def test_a_damaged_cache_is_ignored_and_rewritten(corpus: Path, cached: Path, damage: str) -> None:
    expected = uncached([corpus])
    load([corpus])
    [path] = cache_files(cached)
    for whole in whole_files(cached):
        whole.unlink()  # so the per-file entries are read
    blob = path.read_bytes()
    if break_bytes(path, damage):
        pass
    elif damage == "other-version":
        header, entries = pickle.loads(blob)
        path.write_bytes(pickle.dumps((("kfor-tui-cache", header[1], "0.0.0-other"), entries)))
    else:
        header, entries = pickle.loads(blob)
        key = next(iter(entries))
        entries[key] = (entries[key][0], b"\x80\x05broken")
        path.write_bytes(pickle.dumps((header, entries)))
    same(load([corpus]), expected)
    assert pickle.loads(path.read_bytes())[0] == cache_module.HEADER  # rewritten whole
    same(load([corpus]), expected)


def test_cache_off_writes_nothing(corpus: Path, cached: Path, monkeypatch) -> None:
    monkeypatch.setenv("KFOR_CACHE", "0")
    load([corpus])
    assert not cached.exists()


def test_unwritable_cache_folder_only_costs_speed(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("KFOR_CACHE", "1")
    monkeypatch.setenv("KFOR_CACHE_DIR", str(blocker / "cache"))
    same(load([corpus]), uncached([corpus]))


def test_loader_uses_the_cache_and_matches_load(corpus: Path, cached: Path) -> None:
    expected = uncached([corpus])
    first = Loader([corpus])
    same(first.load(), expected)  # cold
    assert not whole_files(cached)  # the app shows the corpus first, then writes the cache:
    first.after_first_load()
    assert whole_files(cached) and cache_files(cached)
    loader = Loader([corpus])
    same(loader.load(), expected)  # warm
    article = sorted(corpus.rglob("article-*.toml"))[0]
    before = article.stat().st_mtime_ns
    article.write_text(article.read_text(encoding="utf-8").replace('title = "', 'title = "New ', 1), encoding="utf-8")
    os.utime(article, ns=(before + 10**9, before + 10**9))
    corpus_now, changes = loader.reload()
    same(corpus_now, uncached([corpus]))
    assert [c.what for c in changes] == ["reloaded"]
    same(Loader([corpus]).load(), uncached([corpus]))  # the cache kept every file's entry, with the new one


def test_loader_warm_from_the_whole_corpus_then_delete_and_break(corpus: Path, cached: Path) -> None:
    """A first load taken whole from the cache still reloads right: a deleted file is dropped with a notice,
    a broken one keeps its last good version (fetched from the cache when first needed)."""
    first = Loader([corpus])
    first.load()
    first.after_first_load()  # fills the cache
    loader = Loader([corpus])
    same(loader.load(), uncached([corpus]))
    articles = sorted(corpus.rglob("article-*.toml"))
    good = uncached([corpus])
    articles[0].unlink()
    before = articles[1].stat().st_mtime_ns
    articles[1].write_text('format = "kfor-briefing/1"\n[briefing\n', encoding="utf-8")
    os.utime(articles[1], ns=(before + 10**9, before + 10**9))
    corpus_now, changes = loader.reload()
    assert sorted(c.what for c in changes) == ["broken", "deleted"]
    assert any("last good version" in p.message for p in corpus_now.problems)
    gone = {s.id for s in good.sources} - {s.id for s in corpus_now.sources}
    assert len(gone) == 1  # the deleted file's source; the broken file's records are still shown


def test_a_reload_before_the_cache_is_saved_saves_it_first(corpus: Path, cached: Path) -> None:
    loader = Loader([corpus])
    loader.load()
    article = sorted(corpus.rglob("article-*.toml"))[0]
    before = article.stat().st_mtime_ns
    article.write_text(article.read_text(encoding="utf-8").replace('title = "', 'title = "New ', 1), encoding="utf-8")
    os.utime(article, ns=(before + 10**9, before + 10**9))
    corpus_now, changes = loader.reload()
    assert [c.what for c in changes] == ["reloaded"]
    same(corpus_now, uncached([corpus]))
    loader.after_first_load()  # nothing left to save: a no-op
    same(Loader([corpus]).load(), uncached([corpus]))


def test_derived_data_is_kept_for_an_unchanged_corpus_only(corpus: Path, cached: Path) -> None:
    """The lookup index is stored beside the corpus and reused at the next start only when no file changed."""
    first = Loader([corpus])
    corpus_one = first.load()
    first.after_first_load()
    first.store("derived", corpus_one, 1, {"answer": 42})
    again = Loader([corpus])
    corpus_two = again.load()
    assert again.cached("derived", corpus_two, 1) == {"answer": 42}
    assert again.cached("derived", corpus_two, 2) is None  # another version of its shape
    assert again.cached("derived", corpus_one, 1) is None  # not this loader's corpus
    article = sorted(corpus.rglob("article-*.toml"))[0]
    before = article.stat().st_mtime_ns
    article.write_text(article.read_text(encoding="utf-8").replace('title = "', 'title = "New ', 1), encoding="utf-8")
    os.utime(article, ns=(before + 10**9, before + 10**9))
    changed = Loader([corpus])
    assert changed.cached("derived", changed.load(), 1) is None
    reloaded, _ = again.reload()
    assert again.cached("derived", reloaded, 1) is None  # a reload's corpus is never served from the cache


def test_a_cache_others_could_write_is_never_read(corpus: Path, cached: Path) -> None:
    """A pickle runs code when loaded: a cache file or folder that another user could write is not trusted."""
    expected = uncached([corpus])
    load([corpus])
    [whole] = whole_files(cached)
    whole.chmod(0o666)
    same(load([corpus]), expected)  # not read: a miss, rewritten private
    assert whole.stat().st_mode & 0o077 == 0
    cached.chmod(0o777)
    assert cache_module.Cache.open([corpus]) is None  # a folder others can write: no cache at all
    same(load([corpus]), expected)
    cached.chmod(0o700)
    assert cache_module.Cache.open([corpus]) is not None
