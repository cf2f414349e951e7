"""Read, parse and build many briefing files on every core: a first load of a large corpus (io/reload.py)
hands its files to worker processes in chunks, and takes back each file's loaded form as the load cache
encodes it (io/cache_codec.py: MessagePack, decoded against the model's own types), in the files' order.

    jobs = [Job(path, shown, data, size), ...]          data None: the worker reads the file itself
    loaded = load_in_workers(jobs, alone, limits, progress, workers_for(len(jobs)))
    loaded.files                                        each job's LoadedFile, in the jobs' order

Why processes, and which: parsing and building is pure Python, so threads would share one core. A worker is
a fresh interpreter (`python -P -m kfor_tui.io.parallel_read FD`), never a fork: the app loads in a worker
thread, and a forked child of a threaded process can inherit a lock held by another thread. Not
multiprocessing's "spawn" either, which starts the same kind of interpreter but also re-imports the
parent's main script in each worker and leaves a resource-tracker process running for as long as the app
does; nor "forkserver", which leaves its server running. A worker runs in a session of its own (a ctrl+c
in the terminal reaches the parent alone, which ends its workers) with no terminal (stdin, stdout and
stderr are /dev/null: nothing it could print ever lands on the app's screen). `-P`: the working folder,
where the briefings may be, is never on the worker's import path.

What crosses, in both directions, is data (MessagePack), never pickle: to a worker, chunks of (path,
shown path, bytes or None); back, per file, its loaded form encoded with encode_file (and the bytes it
read, which become the file's text, as from_cache makes it). The parent decodes each chunk as it arrives,
while the workers build the next ones, and reports progress per chunk. The encoded forms are dropped once
decoded: kept for the load cache, they would raise the load's peak memory to save part of a write that
comes after the first screen.

Every way this can fail ends in the same result as one core: a file a worker could not build or encode
(an integer too large for the codec, an unexpected error) is built again in the parent by `alone(index)`,
the caller's own one-core path, which gives the same form or raises as it would have; a worker that cannot
be started, dies or sends something that does not decode ends the pool, and every file not yet received
is built by `alone`. Workers are ended on every path out (an exception or an interrupt in the parent
kills them at once).
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import socket
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import NamedTuple

from kfor_tui.io.cache_codec import decode_file, decode_value, encode_file, encode_value, share_places
from kfor_tui.io.files import LoadedFile, from_bytes, from_cache, to_cache
from kfor_tui.io.positions import KeyPath
from kfor_tui.io.reading import MAX_FILE_BYTES, MAX_TOTAL_BYTES, Limits, read_bytes

MODULE = "kfor_tui.io.parallel_read"
PARALLEL_FILES = 400  # files to build at least, for worker processes to pay for their start (README: Performance)
MAX_WORKERS = 8  # the parent decodes what every worker builds: past a few workers it is the bottleneck
CHUNK_FILES = 100  # files per chunk at most: a chunk's round trip is a small part of building it
CHUNKS_PER_WORKER = 4  # at least, so that the workers finish close together and progress moves
CHUNK_BYTES = 16 * 1024 * 1024  # bytes of files per chunk at most (a chunk of large files is cut sooner)
STOP_S = 2.0  # how long an idle worker is given to exit once told to, before it is killed

_JobShape = list[tuple[bytes, str, bytes | None]]  # a chunk to a worker: (path, shown, bytes or None) per file
_BuiltShape = list[tuple[bytes | None, bytes | None]]  # its answer: (encoded form, bytes the worker read) per file


class Job(NamedTuple):
    """One file to load: its path, its path as shown, its bytes when the caller has read them (None: the
    worker reads the file, within the limits), and its size (for cutting chunks)."""

    path: str
    shown: str
    data: bytes | None
    size: int


class Loaded(NamedTuple):
    """Each job's loaded form, in the jobs' order, and how many of them worker processes built (the others
    were built by `alone`)."""

    files: list[LoadedFile]
    by_workers: int


class WorkerLost(Exception):
    """A worker ended, or answered with something that is not an answer to its chunk."""


def workers_for(files: int, threshold: int = PARALLEL_FILES) -> int:
    """How many worker processes to build `files` files in: 0 (build them in this process) below
    `threshold` or with one core to run on; else one per core, at most MAX_WORKERS."""
    if files < threshold or not sys.executable:
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    count = min(cores, MAX_WORKERS)
    return count if count > 1 else 0


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    link: Connection
    chunk: list[int] | None = None  # the files it is building, None when idle


def load_in_workers(
    jobs: Sequence[Job],
    alone: Callable[[int], LoadedFile],
    limits: Limits | None,
    progress: Callable[[int], None],
    workers: int,
) -> Loaded:
    """Each job's loaded form, in the jobs' order, built by `workers` processes; `alone(index)` builds job
    `index` in this process (the caller's one-core path) when a worker could not. `progress(done)` is called
    as chunks arrive, with the number of files loaded so far, ending at len(jobs)."""
    results: list[LoadedFile | None] = [None] * len(jobs)
    todo = deque(_chunks(jobs, workers))
    done = 0
    started: list[_Worker] = []
    finished = False
    try:
        for _ in range(min(workers, len(todo))):
            started.append(_start(limits))
        busy: dict[Connection, _Worker] = {}
        for worker in started:
            _give(worker, todo, jobs, busy)
        while busy:
            for link in wait(list(busy)):
                worker = busy.pop(link)  # type: ignore[call-overload]  # wait() returns the objects it was given
                chunk, worker.chunk = worker.chunk or [], None
                answer = _answer(worker.link.recv_bytes(), len(chunk))
                _give(worker, todo, jobs, busy)  # before decoding this chunk: the worker builds meanwhile
                for index, (encoded, data) in zip(chunk, answer, strict=True):
                    job = jobs[index]
                    got = results[index] = _loaded(encoded, job.data if job.data is not None else data)
                    done += got is not None  # the others are built by `alone` below, and counted then
                progress(done)
        finished = True
    except (OSError, EOFError, WorkerLost):
        pass  # the files not received yet are built below, in this process
    finally:
        _stop(started, at_once=not finished)
    by_workers = done
    files: list[LoadedFile] = []
    for index, got in enumerate(results):
        if got is None:
            got = alone(index)
            done += 1
            progress(done)
        files.append(got)
    return Loaded(files, by_workers)


def _chunks(jobs: Sequence[Job], workers: int) -> list[list[int]]:
    """The jobs' indices in chunks of consecutive files: at most CHUNK_FILES files or CHUNK_BYTES bytes (one
    larger file alone), and at least CHUNKS_PER_WORKER chunks per worker when there are enough files."""
    most = max(1, min(CHUNK_FILES, math.ceil(len(jobs) / (workers * CHUNKS_PER_WORKER))))
    chunks: list[list[int]] = []
    chunk: list[int] = []
    size = 0
    for index, job in enumerate(jobs):
        if chunk and (len(chunk) >= most or size + job.size > CHUNK_BYTES):
            chunks.append(chunk)
            chunk, size = [], 0
        chunk.append(index)
        size += job.size
    if chunk:
        chunks.append(chunk)
    return chunks


def _start(limits: Limits | None) -> _Worker:
    """A worker process, told the limits, linked by a socket pair; OSError when it cannot be started."""
    ours, theirs = socket.socketpair()
    try:
        process = subprocess.Popen(
            [sys.executable, "-P", "-m", MODULE, str(theirs.fileno())],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except BaseException:
        ours.close()
        raise
    finally:
        theirs.close()
    worker = _Worker(process, Connection(ours.detach()))
    limits = limits or Limits(MAX_FILE_BYTES, MAX_TOTAL_BYTES)
    try:
        worker.link.send_bytes(encode_value((limits.file_bytes, limits.total_bytes)))
    except BaseException:
        _stop([worker], at_once=True)
        raise
    return worker


def _give(worker: _Worker, todo: deque[list[int]], jobs: Sequence[Job], busy: dict[Connection, _Worker]) -> None:
    """Send the worker the next chunk, if any is left. A chunk the codec cannot send (a path it cannot
    encode) is left to `alone`, and the next one is sent instead."""
    while todo:
        chunk = todo.popleft()
        try:
            message = encode_value([(os.fsencode(jobs[i].path), jobs[i].shown, jobs[i].data) for i in chunk])
        except (TypeError, ValueError):
            continue
        worker.link.send_bytes(message)
        worker.chunk = chunk
        busy[worker.link] = worker
        return


def _answer(message: bytes, files: int) -> _BuiltShape:
    try:
        answer: _BuiltShape = decode_value(message, _BuiltShape)
    except ValueError as exc:  # CacheDataError
        raise WorkerLost(str(exc)) from None
    if len(answer) != files:
        raise WorkerLost("an answer for another number of files than the chunk's")
    return answer


def _loaded(encoded: bytes | None, data: bytes | None) -> LoadedFile | None:
    """The loaded form a worker sent, decoded as the cache's are (from_cache: `data` becomes its text), or
    None when it sent none or it does not decode: `alone` builds that file."""
    if encoded is None:
        return None
    try:
        return _shared_texts(from_cache(decode_file(encoded), data or b""))
    except Exception:  # noqa: BLE001 - built again by `alone`, which gives the same form or raises as one core would
        return None


def _shared_texts(file: LoadedFile) -> LoadedFile:
    """The file with the texts of its key paths and references made one object per distinct text
    (sys.intern), as the builders make them (io/fields.py): decoding makes a copy of each, and a file keeps
    these for as long as it is loaded (a reference's kinds and target, and 'cite', 'events'... in every key
    path, are most of a decoded file's repeated texts)."""
    report = file.report
    for reference in report.references:
        reference.path = _shared_path(reference.path)
        reference.target = sys.intern(reference.target)
        reference.kinds = tuple([sys.intern(kind) for kind in reference.kinds])
    for finding in report.findings:
        finding.path = _shared_path(finding.path)
    where = report.cite_paths
    for key, path in where.items():
        where[key] = _shared_path(path)
    file.records[:] = [(record, _shared_path(path)) for record, path in file.records]
    share_places([record for record, _ in file.records], {})
    return file


def _shared_path(path: KeyPath) -> KeyPath:
    return tuple([sys.intern(part) if isinstance(part, str) else part for part in path])


def _stop(workers: list[_Worker], at_once: bool) -> None:
    """End the workers: each is told to stop (its link closed: it reads the end and exits) and given STOP_S
    to do so, or, `at_once` (an error or an interrupt), killed. Never leaves one running or unreaped."""
    for worker in workers:
        with contextlib.suppress(OSError):
            worker.link.close()
        if at_once:
            with contextlib.suppress(OSError):
                worker.process.kill()
    for worker in workers:
        try:
            worker.process.wait(STOP_S)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                worker.process.kill()
            worker.process.wait()


# ------------------------------------------------------------------------------------------- the worker


def serve(fd: int) -> None:
    """A worker's loop: the limits, then chunks of files, each answered with the files' encoded loaded forms,
    until the parent closes the link. The collector is off while a chunk is built (its objects are freed
    by reference counting as soon as it is sent) and runs once after it."""
    link = Connection(fd)
    gc.freeze()  # what the imports made is never scanned
    try:
        limits = Limits(*decode_value(link.recv_bytes(), tuple[int, int]))
        while True:
            jobs: _JobShape = decode_value(link.recv_bytes(), _JobShape)
            gc.disable()
            answer = [_built(path, shown, data, limits) for path, shown, data in jobs]
            link.send_bytes(encode_value(answer))
            del answer, jobs
            gc.enable()
            gc.collect()
    except (EOFError, OSError):
        return  # the parent closed the link (done), or is gone


def _built(path: bytes, shown: str, data: bytes | None, limits: Limits) -> tuple[bytes | None, bytes | None]:
    """One file's loaded form, encoded, and the bytes read when the worker read them (the parent has them
    otherwise); (None, None) when it cannot be built or encoded here: the parent builds it itself."""
    try:
        read = None
        if data is None:
            read, fatal = read_bytes(Path(os.fsdecode(path)), shown, limits)
            file = LoadedFile.unread(shown, tuple(fatal)) if read is None else from_bytes(shown, read)
        else:
            file = from_bytes(shown, data)
        return encode_file(to_cache(file)), read
    except Exception:  # noqa: BLE001 - the parent builds it as one core does: same form, or the same error
        return None, None


if __name__ == "__main__":
    serve(int(sys.argv[1]))
