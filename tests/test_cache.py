"""The persistent load cache (kfor_tui.io.cache, io/cache_codec.py) never changes what a load returns: cold,
warm, after an edit, after its files are damaged (every single-byte flip, truncations, garbage, another
version, a planted pickle), and through reload.Loader and the session. It holds data, never code; it stays
under its cap, evicting the corpora used least recently; stale temp files are swept; `kfor-tui cache`."""

from __future__ import annotations

import dataclasses
import os
import pickle
import random
import sys
import time
import typing
from pathlib import Path
from typing import Any

import pytest

from kfor_tui.index.nation_summary import SUBJECTS_FORMAT, Subject, subjects
from kfor_tui.index.search import SearchIndex
from kfor_tui.io import cache as cache_module
from kfor_tui.io import cache_codec
from kfor_tui.io import files as io_files
from kfor_tui.io.loader import bundled_briefings, load
from kfor_tui.io.reload import Loader
from kfor_tui.model import Corpus, Record
from kfor_tui.session import INDEX_SLOT, SUBJECTS_SLOT, CorpusSession
from support import ROOT, run_cli

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
QUERIES = ("barduany", "4,443", "June 2023", "novo selo", "turk", "kfor", "ammunition")
FLIPS = 200  # random single-byte flips per kind of cache file
CUTS = 25  # random truncations per kind


def generated(folder: Path, articles: int, seed: int = 3, bad: bool = True) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    generate(articles, folder, seed=seed)
    if bad:
        for name, text in BAD_FILES.items():
            (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return generated(tmp_path / "corpus", 12)


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KFOR_CACHE", "1")
    monkeypatch.setenv("KFOR_CACHE_DIR", str(folder))
    monkeypatch.delenv("KFOR_CACHE_MAX_MB", raising=False)
    monkeypatch.setattr(cache_module, "_max_mb", None)
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
    assert list(a.by_id) == list(b.by_id)  # the same order too
    assert [r.cites for r in a.by_id.values()] == [r.cites for r in b.by_id.values()]  # anchors too
    for record in a.by_id.values():  # every record is the model's own class, as built
        assert type(record) in cache_codec.RECORD_TYPES.values()


def kind_files(folder: Path, slot: str) -> list[Path]:
    """The cache files of one kind ("files", "corpus", "search-index", "subjects")."""
    return sorted(p for p in folder.glob(f"{slot}-*.cache") if cache_module.NAME.fullmatch(p.name)[1] == slot)  # type: ignore[index]


def cache_files(folder: Path) -> list[Path]:
    return kind_files(folder, "files")


def whole_files(folder: Path) -> list[Path]:
    return kind_files(folder, "corpus")


# ------------------------------------------------------------------------------------------ the codec


def test_the_codec_covers_every_section_of_the_corpus() -> None:
    hints = typing.get_type_hints(Corpus)
    holding_records = [
        f.name
        for f in dataclasses.fields(Corpus)
        if typing.get_origin(hints[f.name]) is tuple
        and isinstance(typing.get_args(hints[f.name])[0], type)
        and issubclass(typing.get_args(hints[f.name])[0], Record)
    ]
    assert [name for name, _ in cache_codec.SECTIONS] == holding_records
    assert len(cache_codec.RECORD_TYPES) == len(cache_codec.SECTIONS)  # one tag per record class


def test_every_record_lists_its_fields_as_written_its_base_class_first() -> None:
    """Exports and content digests list a record's fields in __struct_fields__ order: a record class that
    forgot `kw_only=True` would put its own required fields before its base class's."""
    for _, cls in cache_codec.SECTIONS:
        written = [name for klass in reversed(cls.__mro__) for name in vars(klass).get("__annotations__", {})]
        assert cls.__struct_fields__ == tuple(name for name in written if name in cls.__struct_fields__), cls
        assert cls.__struct_fields__[: len(Record.__struct_fields__)] == Record.__struct_fields__


def test_the_codec_refuses_data_of_another_shape() -> None:
    corpus = uncached([bundled_briefings()])
    frames = list(cache_codec.encode_corpus(corpus))
    assert cache_codec.decode_corpus(iter(frames).__next__) == corpus
    wrong = [frames[1], *frames[1:]]  # a section where the head belongs
    with pytest.raises(cache_codec.CacheDataError):
        cache_codec.decode_corpus(iter(wrong).__next__)
    with pytest.raises(cache_codec.CacheDataError):
        cache_codec.decode_value(cache_codec.encode_value([{"key": 1}]), list[Subject])
    with pytest.raises(cache_codec.CacheDataError):
        cache_codec.decode_file(cache_codec.encode_value(("x", [], [], [], None, [["nonsense", 1, []]], [])))


def test_values_in_frames_round_trip_and_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_codec, "CHUNK", 3)  # so that every list and dict takes several frames
    index = dataclasses.replace(SearchIndex.build(uncached([bundled_briefings()])), _cache={})
    frames = list(cache_codec.encode_frames(index))
    assert len(frames) > 10
    assert cache_codec.decode_frames(iter(frames).__next__, SearchIndex) == index
    table = {f"k{n}": n for n in range(10)}
    assert cache_codec.decode_frames(iter(list(cache_codec.encode_frames(table))).__next__, dict[str, int]) == table
    for wrong in (list[int], dict[str, str], Subject):
        with pytest.raises(cache_codec.CacheDataError):
            cache_codec.decode_frames(iter(list(cache_codec.encode_frames(table))).__next__, wrong)


def test_frames_are_bound_to_their_file_and_place(tmp_path: Path) -> None:
    """Each frame's digest is keyed with its file's header and salted with its number: whole frames swapped,
    or moved to another file, are caught, though each is intact."""
    frames = [b"first frame", b"second frame", b"third"]
    path, other = tmp_path / f"corpus-{'a' * 32}.cache", tmp_path / f"subjects-{'a' * 32}.cache"
    assert cache_module.write_cache_file(path, "corpus", cache_module.NO_SIGNATURE, frames)
    assert cache_module.write_cache_file(other, "subjects", cache_module.NO_SIGNATURE, frames)

    def read(where: Path, slot: str) -> list[bytes] | None:
        return cache_module.read_cache_file(
            where, slot, cache_module.NO_SIGNATURE, lambda f: [f.frame() for _ in frames]
        )

    assert read(path, "corpus") == frames
    blob = path.read_bytes()
    body = len(blob) - sum(cache_module.FRAME_HEAD + len(f) for f in frames)
    one, two = cache_module.FRAME_HEAD + len(frames[0]), cache_module.FRAME_HEAD + len(frames[1])
    path.write_bytes(
        blob[:body] + blob[body + one : body + one + two] + blob[body : body + one] + blob[body + one + two :]
    )
    assert read(path, "corpus") is None  # swapped
    path.write_bytes(blob[:body] + other.read_bytes()[len(other.read_bytes()) - (len(blob) - body) :])
    assert read(path, "corpus") is None  # another file's frames
    path.write_bytes(blob)
    assert read(path, "corpus") == frames and read(path, "subjects") is None  # read as another kind


# ------------------------------------------------------------------------------------ round trips


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_a_warm_start_gives_the_same_corpus_lookup_and_nations_rows(
    which: str, tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [bundled_briefings()] if which == "bundled" else [generated(tmp_path / "corpus", 20)]
    monkeypatch.setattr(io_files, "RACY_NS", 0)  # files written a moment ago count as settled (a fresh clone's too)
    builds: list[int] = []
    real = SearchIndex.build.__func__  # type: ignore[attr-defined]

    def counting(cls: type[SearchIndex], corpus: Corpus) -> SearchIndex:
        builds.append(1)
        return real(cls, corpus)  # type: ignore[no-any-return]

    monkeypatch.setattr(SearchIndex, "build", classmethod(counting))
    expected = uncached(paths)
    got = []
    for _ in range(2):
        session = CorpusSession(paths)
        corpus = session.open()
        index = session.index(corpus)
        assert index is not None
        same(corpus, expected)
        got.append((corpus, index, list(subjects(corpus)), session._subjects_stored))
    assert builds == [1]  # the second start read the index from the cache
    (_, cold_index, cold_rows, _), (_, warm_index, warm_rows, from_cache) = got
    assert from_cache and warm_rows == cold_rows and warm_rows
    assert dataclasses.replace(warm_index, _cache={}) == dataclasses.replace(cold_index, _cache={})
    for query in QUERIES:
        assert warm_index.search(query, limit=None) == cold_index.search(query, limit=None)
    # the first screen is kept too, under the files' stats
    assert {p.name.split("-")[0] for p in cached.iterdir()} == {"files", "corpus", "search", "subjects", "first"}


def test_cold_warm_and_edited_loads_equal_an_uncached_load(corpus: Path, cached: Path, monkeypatch) -> None:
    expected = uncached([corpus])
    assert expected.problems  # the bad files make problems of every kind
    same(load([corpus]), expected)  # cold: fills the cache
    assert len(cache_files(cached)) == 1

    parsed: list[str] = []
    real = cache_module.Cache.put

    def counting(self: cache_module.Cache, key: str, meta: Any, value: Any, **kwargs: Any) -> None:
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


def test_the_per_file_entries_alone_give_the_same_corpus(corpus: Path, cached: Path) -> None:
    """With the corpus file gone, every file's loaded form comes from the per-file entries (citations' key
    paths by position, findings, fatal problems): the checks then report exactly what a cold load does."""
    expected = uncached([corpus])
    load([corpus])
    for whole in whole_files(cached):
        whole.unlink()
    loader = Loader([corpus])
    same(loader.load(), expected)
    assert loader.parses == len(list(corpus.rglob("*.toml")))  # each file looked up ...
    assert not loader._cache.pending  # type: ignore[union-attr]  # ... and found: nothing parsed again


# ------------------------------------------------------------------------------------------- damage


def break_bytes(path: Path, damage: str) -> None:
    blob = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x80\x05not a cache file at all" * 10)
    elif damage == "truncated":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other-version":
        version = cache_module.__version__.encode()
        assert version in blob[:64]
        path.write_bytes(blob.replace(version, b"9" * len(version), 1))
    elif damage == "trailing":
        path.write_bytes(blob + b"\0")
    else:
        raise AssertionError(damage)


DAMAGE = ["garbage", "truncated", "empty", "other-version", "trailing"]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_corpus_file_is_ignored_and_rewritten(corpus: Path, cached: Path, damage: str) -> None:
    expected = uncached([corpus])
    load([corpus])
    [path] = whole_files(cached)
    good = path.read_bytes()
    break_bytes(path, damage)
    same(load([corpus]), expected)
    assert path.read_bytes() == good  # rewritten whole (the same corpus encodes the same)
    same(load([corpus]), expected)


@pytest.mark.parametrize("damage", [*DAMAGE, "bad-entry"])
def test_a_damaged_per_file_cache_is_ignored_and_rewritten(corpus: Path, cached: Path, damage: str) -> None:
    expected = uncached([corpus])
    load([corpus])
    [path] = cache_files(cached)
    good = path.read_bytes()
    for whole in whole_files(cached):
        whole.unlink()  # so the per-file entries are read
    if damage == "bad-entry":  # digests all right, one entry's payload not a loaded form: the typed decoder's wall
        cache = cache_module.Cache.open([corpus])
        assert cache is not None
        entries = dict(cache.entries)
        key = next(iter(entries))
        entries[key] = (entries[key][0], cache_codec.encode_value({"not": "a file"}))
        body = cache_module._entry_frames(entries)
        assert cache_module.write_cache_file(path, "files", cache_module.NO_SIGNATURE, body)
    else:
        break_bytes(path, damage)
    same(load([corpus]), expected)
    assert path.read_bytes() == good  # rewritten whole (the same entries encode the same)
    same(load([corpus]), expected)


def flipped(blob: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(blob))
    return blob[:at] + bytes((blob[at] ^ rng.randrange(1, 256),)) + blob[at + 1 :]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return generated(tmp_path / "small", 2)


@pytest.mark.parametrize("slot", ["files", "corpus", "search-index", "subjects"])
def test_no_single_byte_flip_changes_data_or_escapes(small: Path, cached: Path, slot: str) -> None:
    """FLIPS random one-byte flips, then CUTS truncations, in one kind of cache file: every one is caught
    (a miss), the load gives exactly what a cold load gives, and nothing raises."""
    paths = [small]
    expected = uncached(paths)
    session = CorpusSession(paths)
    session.index(session.open())  # writes every kind of cache file
    expected_index = dataclasses.replace(SearchIndex.build(expected), _cache={})
    expected_rows = list(subjects(expected))
    [path] = kind_files(cached, slot)
    blob = path.read_bytes()
    rng = random.Random(f"flips-{slot}")
    damaged = [flipped(blob, rng) for _ in range(FLIPS)]
    damaged += [blob[: rng.randrange(len(blob))] for _ in range(CUTS)]
    escaped: list[str] = []
    silent = caught = 0
    for bad in damaged:
        for other in cached.iterdir():
            if slot == "files" and other.name.startswith("corpus-"):
                other.unlink()  # else the per-file entries are never read
        path.write_bytes(bad)
        try:
            loader = Loader(paths)
            corpus = loader.load()
            if slot in ("files", "corpus"):
                # corpus: a hit parses nothing; files: a hit finds every file's entry, so nothing waits to be stored
                hit = loader.parses == 0 if slot == "corpus" else not loader._cache.pending  # type: ignore[union-attr]
                silent += corpus != expected or list(corpus.by_id) != list(expected.by_id)
            elif slot == "search-index":
                found = loader.cached(INDEX_SLOT, corpus, SearchIndex.FORMAT, SearchIndex)
                hit = found is not None
                silent += hit and found != expected_index
            else:
                rows = loader.cached(SUBJECTS_SLOT, corpus, SUBJECTS_FORMAT, list[Subject])
                hit = rows is not None
                silent += hit and rows != expected_rows
            caught += not hit
        except Exception as exc:  # noqa: BLE001 - counted: none may escape
            escaped.append(f"{type(exc).__name__}: {exc}")
        path.write_bytes(blob)
    assert escaped == []
    assert silent == 0
    assert caught == len(damaged)  # every flip and cut is seen by the digest or the header, not by luck


class Bomb:
    """A pickle that runs code when loaded: it would create `marker`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def test_a_planted_pickle_is_never_run_nor_read_as_pickle(
    small: Path, cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = uncached([small])
    session = CorpusSession([small])
    session.index(session.open())
    marker = tmp_path / "ran"
    planted = pickle.dumps(Bomb(marker))
    used: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        used.append("pickle")
        raise AssertionError("the cache must never unpickle")

    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "Unpickler", refuse)
    for path in list(cached.iterdir()):
        path.write_bytes(planted)
        path.with_suffix(".pickle").write_bytes(planted)  # the old cache's names too
    again = CorpusSession([small])
    corpus = again.open()
    index = again.index(corpus)
    same(corpus, expected)
    assert index is not None and index.search("kfor", limit=None) == SearchIndex.build(expected).search(
        "kfor", limit=None
    )
    assert not marker.exists() and used == []


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
    assert again.cached("derived", corpus_two, 1, dict[str, int]) == {"answer": 42}
    assert again.cached("derived", corpus_two, 1, list[str]) is None  # read back as another shape: a miss
    assert again.cached("derived", corpus_two, 2, dict[str, int]) is None  # another version of its shape
    assert again.cached("derived", corpus_one, 1, dict[str, int]) is None  # not this loader's corpus
    article = sorted(corpus.rglob("article-*.toml"))[0]
    before = article.stat().st_mtime_ns
    article.write_text(article.read_text(encoding="utf-8").replace('title = "', 'title = "New ', 1), encoding="utf-8")
    os.utime(article, ns=(before + 10**9, before + 10**9))
    changed = Loader([corpus])
    assert changed.cached("derived", changed.load(), 1, dict[str, int]) is None
    reloaded, _ = again.reload()
    assert (
        again.cached("derived", reloaded, 1, dict[str, int]) is None
    )  # a reload's corpus is never served from the cache


def test_a_cache_others_could_write_is_never_read(corpus: Path, cached: Path) -> None:
    """The digest proves a file whole, not who wrote it: a cache file or folder that another user could write
    is not trusted."""
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


# ------------------------------------------------------------------------------ cap, eviction, sweep


def fake_corpus(folder: Path, name: str, size: int, used: float, slots: tuple[str, ...] = ("files", "corpus")) -> None:
    for slot in slots:
        path = folder / f"{slot}-{name}.cache"
        assert cache_module.write_cache_file(path, slot, cache_module.NO_SIGNATURE, [b"x" * size])
        os.utime(path, (used, used))


def test_eviction_keeps_the_total_under_the_cap_dropping_the_least_recently_used(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    now = time.time()
    names = [f"{n:032x}" for n in range(5)]
    for n, name in enumerate(names):  # corpus 0 used longest ago ... corpus 4 just now
        fake_corpus(folder, name, 10_000, now - 1000 + n * 100)
    (folder / "notes.txt").write_bytes(b"y" * 100_000)  # not ours: never counted or removed
    (folder / f"corpus-{'f' * 32}.cache").write_bytes(b"not a cache file, same pattern")
    sizes = {p.name: p.stat().st_size for p in folder.glob("*-*.cache") if cache_module.NAME.fullmatch(p.name)}
    per_corpus = 2 * (10_000 + 150)  # two files each, with their headers
    removed = cache_module.enforce_cap(folder, keep=names[0], cap=3 * per_corpus)
    left = {p.name for p in folder.iterdir()}
    assert {p.name for p in removed} == {f"{slot}-{names[n]}.cache" for slot in ("files", "corpus") for n in (1, 2)}
    assert all(f"files-{names[n]}.cache" in left for n in (0, 3, 4))  # kept: the one just written, the newest two
    assert "notes.txt" in left and f"corpus-{'f' * 32}.cache" in left
    assert sum(f.size for f in cache_module.cache_files(folder)) <= 3 * per_corpus
    assert sizes  # (the files were there to count)
    cache_module.enforce_cap(folder, keep=names[0], cap=1)  # even the one just written goes when alone over the cap
    assert cache_module.cache_files(folder) == [] and "notes.txt" in {p.name for p in folder.iterdir()}


def test_loads_past_the_cap_evict_the_corpus_used_least_recently(tmp_path: Path, cached: Path, monkeypatch) -> None:
    folders = [generated(tmp_path / f"c{n}", 1, seed=n, bad=False) for n in range(3)]
    load([folders[0]])
    size = sum(f.size for f in cache_module.cache_files(cached))
    monkeypatch.setenv("KFOR_CACHE_MAX_MB", str(2.5 * size / 2**20))  # room for two of them
    time.sleep(0.02)
    load([folders[1]])
    time.sleep(0.02)
    load([folders[0]])  # a warm load marks corpus 0 used
    time.sleep(0.02)
    load([folders[2]])  # over the cap: corpus 1 goes, the least recently used
    names = {cache_module.Cache.open([f]).name: n for n, f in enumerate(folders)}  # type: ignore[union-attr]
    kept = {names[f.corpus] for f in cache_module.cache_files(cached)}
    assert kept == {0, 2}
    assert sum(f.size for f in cache_module.cache_files(cached)) <= 2.5 * size


def test_the_sweep_removes_stale_temp_files_and_nothing_else(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    name = f"corpus-{'a' * 32}.cache"
    old = time.time() - 2 * cache_module.STALE_TMP_S
    stale = [
        folder / f".{name}.k2j4h8x_.tmp",
        folder / f".files-{'b' * 32}.pickle.abcdefgh.tmp",  # the pickle cache's, left by a killed write
        folder / f".{name}.kfor-tui.abcdefgh.tmp",  # io/atomic.py's newer names
    ]
    fresh = folder / f".{name}.zzzzzzzz.tmp"  # another kfor-tui may be writing it right now
    others = [folder / "notes.tmp", folder / ".other.abcdefgh.tmp", folder / f".{name}.tmp", folder / "keep.cache"]
    for path in [*stale, fresh, *others]:
        path.write_bytes(b"partial")
    (folder / f".{name}.dirdirdi.tmp").mkdir()
    for path in [*stale, *others]:
        os.utime(path, (old, old))
    monkeypatch.setattr(cache_module, "_swept", set())
    monkeypatch.setenv("KFOR_CACHE", "1")
    monkeypatch.setenv("KFOR_CACHE_DIR", str(folder))
    assert cache_module.Cache.open([tmp_path]) is not None
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and all(p.exists() for p in others) and (folder / f".{name}.dirdirdi.tmp").is_dir()
    for path in stale:
        path.write_bytes(b"partial")
        os.utime(path, (old, old))
    assert cache_module.Cache.open([tmp_path]) is not None
    assert all(p.exists() for p in stale)  # once per process


def test_a_killed_write_leaves_no_cache_file_and_the_old_one_intact(small: Path, cached: Path) -> None:
    load([small])
    [path] = whole_files(cached)
    good = path.read_bytes()

    def frames() -> Any:
        yield b"half of a corpus"
        raise KeyboardInterrupt  # killed mid-way (the temp file is removed as the write unwinds)

    with pytest.raises(KeyboardInterrupt):
        cache_module.write_cache_file(path, "corpus", cache_module.NO_SIGNATURE, frames())
    assert path.read_bytes() == good
    assert cache_module.temp_files(cached) == []


# ----------------------------------------------------------------------------------------- commands


def test_cache_info_and_clear_through_the_command(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    env = {**os.environ, "KFOR_CACHE": "1", "KFOR_CACHE_DIR": str(folder), "KFOR_CACHE_MAX_MB": "64"}
    empty = run_cli("cache", "info", env=env)
    assert empty.returncode == 0, empty.stderr
    assert "files: 0" in empty.stdout and "64 MiB" in empty.stdout
    assert run_cli("check", str(bundled_briefings()), env=env).returncode == 0  # fills the cache
    folder.joinpath("notes.txt").write_text("mine")
    folder.joinpath(f"subjects-{'c' * 32}.pickle").write_bytes(pickle.dumps([1, 2, 3]))  # the old cache's
    stale = folder / f".corpus-{'d' * 32}.cache.abcdefgh.tmp"
    stale.write_bytes(b"partial")
    info = run_cli("cache", "info", env=env)
    assert info.returncode == 0 and "Traceback" not in info.stdout + info.stderr
    assert str(folder) in info.stdout and "status: on" in info.stdout
    assert "files: 3, for 2 sets of briefings" in info.stdout  # files + corpus, and the old pickle
    assert "of 64 MiB  (cache_max_mb: env KFOR_CACHE_MAX_MB)" in info.stdout and "last used: oldest" in info.stdout
    assert "temp files of interrupted writes: 1" in info.stdout
    config = run_cli("config", env=env)
    assert "cache_max_mb = 64  (env KFOR_CACHE_MAX_MB)" in config.stdout
    cleared = run_cli("cache", "clear", env=env)
    assert cleared.returncode == 0 and cleared.stdout.startswith("removed 4 files (") and str(folder) in cleared.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    again = run_cli("cache", "clear", env=env)
    assert again.returncode == 0 and again.stdout.startswith("nothing to remove")
    off = run_cli("cache", "info", env={**env, "KFOR_CACHE": "0"})
    assert off.returncode == 0 and "status: off" in off.stdout
    assert run_cli("cache", "frobnicate", env=env).returncode == 2
