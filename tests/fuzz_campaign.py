"""A fuzz campaign through the commands a user runs: mutated briefings through `check`, `export` and `search`.

    python tests/fuzz_campaign.py [--files 3000] [--seed 1] [--subprocess-every 50] [--keep DIR]

Each mutant is one seed briefing (tests/data/minimal.toml, the bundled briefings, the hostile fixture) with
one to three mutations: byte flips, truncation, deep nesting with a control character or a backslash, CRLF
and stray CR, NUL, invalid UTF-8, a value of another type, a huge string, a huge or non-finite number, a
duplicated or deleted line, a quote cut inside a word, bidi and C1 characters in strings. Each runs through
`kfor_tui.cli.main` in this process (fast: no interpreter start) with its output captured and a 10 s alarm,
and every Nth through the installed command in a subprocess too. A run fails when it raises, exits outside
{0, 1, 2}, prints a traceback or an internal error, or takes over 10 s. `make fuzz` runs 3,000 files;
tests/test_fuzz_campaign.py a short run in `make test`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

LIMIT_S = 10.0
COMMANDS = (["check"], ["export", "--format", "json"], ["search", "kfor"])


def seeds() -> list[bytes]:
    from hostile import write_hostile

    paths = [HERE / "data" / "minimal.toml", *sorted((ROOT / "briefings").glob("*.toml"))]
    out = [path.read_bytes() for path in paths]
    with tempfile.TemporaryDirectory() as folder:
        out.append(write_hostile(Path(folder)).read_bytes())
    return out


# ------------------------------------------------------------------------------------------------ mutations

Mutation = Callable[[random.Random, bytes], bytes]


def _flip(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _deep(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([33, 100, 500, 1000, 5000])
    shape = rng.choice(["dotted", "arrays", "inline", "header"])
    body = {
        "dotted": "deep" + ".a" * depth + " = 1",
        "arrays": "deep = " + "[" * depth + "]" * depth,
        "inline": "deep = " + "{a=" * depth + "1" + "}" * depth,
        "header": "[" + ".".join(["t"] * depth) + "]\nx = 1",
    }[shape]
    junk = rng.choice(['note = "a\\tb"', "note = 'x\x1by'", 'note = "\\u0000"', ""])
    return data + f"\n{junk}\n{body}\n".encode()


def _crlf(rng: random.Random, data: bytes) -> bytes:
    data = data.replace(b"\n", b"\r\n")
    if rng.random() < 0.5 and data:
        at = rng.randrange(len(data))
        data = data[:at] + b"\r" + data[at:]
    return data


def _nul(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" + data[at:]


def _bad_utf8(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]) + data[at:]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _swap_type(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if b" = " in line and not line.startswith(b"#")]
    if not candidates:
        return data
    i = rng.choice(candidates)
    key = lines[i].split(b" = ", 1)[0]
    value = rng.choice(
        [
            b'"text"',
            b"42",
            b"-1",
            b"true",
            b"[1, 2]",
            b'{ a = "b" }',
            b"2025-07-02",
            b"[]",
            b"1e308",
            b"nan",
            b"inf",
            b"-inf",
            b"3.5",
            b"9" * 400,
            b'""',
            b"[[1], [2, [3]]]",
        ]
    )
    lines[i] = key + b" = " + value
    return b"\n".join(lines)


def _huge_string(rng: random.Random, data: bytes) -> bytes:
    size = rng.choice([10_000, 200_000, 1_000_000])
    return data + b'\nhuge = "' + b"x" * size + b'"\n'


def _duplicate_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[i])
    return b"\n".join(lines)


def _delete_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 5)):
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def _cut_quote(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    quotes = [i for i, line in enumerate(lines) if line.startswith(b"quote = ") and len(line) > 14]
    if not quotes:
        return data
    i = rng.choice(quotes)
    text = lines[i][9:-1]
    start = rng.randrange(len(text))
    end = rng.randrange(start, len(text) + 1)
    lines[i] = b'quote = "' + text[start:end].replace(b"\\", b"") + b'"'
    return b"\n".join(lines)


def _strange_chars(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    strings = [i for i, line in enumerate(lines) if line.count(b'"') >= 2]
    if not strings:
        return data
    i = rng.choice(strings)
    line = lines[i]
    at = line.index(b'"') + 1
    char = rng.choice(
        [
            "\u202e",
            "\u200b",
            "\u009b",
            "\\u001b]52;c;eA==\\u0007",
            "\\t",
            "[bold]",
            "\ufeff",
            "\U0001f4a3",
            "\\\\",
            "\u0085",
        ]
    )
    lines[i] = line[:at] + char.encode() + line[at:]
    return b"\n".join(lines)


MUTATIONS: list[Mutation] = [
    _flip,
    _truncate,
    _deep,
    _crlf,
    _nul,
    _bad_utf8,
    _swap_type,
    _huge_string,
    _duplicate_line,
    _delete_lines,
    _cut_quote,
    _strange_chars,
]


def mutant(rng: random.Random, pool: list[bytes]) -> bytes:
    data = rng.choice(pool)
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(MUTATIONS)(rng, data)
    return data


# ------------------------------------------------------------------------------------------------ running


@dataclass
class Result:
    runs: int = 0
    slowest_s: float = 0.0
    failures: list[str] = field(default_factory=list)
    exit_codes: dict[int, int] = field(default_factory=dict)


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def run_in_process(args: list[str]) -> tuple[int, str, float]:
    from kfor_tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMIT_S)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    except _Timeout:
        code = -1
    except BaseException as exc:  # noqa: BLE001 - anything escaping main is what the campaign looks for
        code = -2
        err.write(f"Traceback: {type(exc).__name__}: {exc}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return code, out.getvalue() + err.getvalue(), time.perf_counter() - started


def run_subprocess(args: list[str]) -> tuple[int, str, float]:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kfor_tui", *args],
            capture_output=True,
            text=True,
            timeout=LIMIT_S * 3,
            errors="replace",
        )
    except subprocess.TimeoutExpired:
        return -1, "", time.perf_counter() - started
    return done.returncode, done.stdout + done.stderr, time.perf_counter() - started


def judge(result: Result, what: str, code: int, output: str, took: float, keep: Path | None, data: bytes) -> None:
    result.runs += 1
    result.slowest_s = max(result.slowest_s, took)
    result.exit_codes[code] = result.exit_codes.get(code, 0) + 1
    problem = None
    if code not in (0, 1, 2):
        problem = f"exit {code}"
    elif "Traceback" in output or "internal error" in output:
        problem = "traceback"
    elif took > LIMIT_S:
        problem = f"{took:.1f} s"
    if problem is not None:
        result.failures.append(f"{what}: {problem}: {output[-300:]!r}")
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"failure-{len(result.failures):04d}.toml").write_bytes(data)


def campaign(
    files: int, seed: int = 1, subprocess_every: int = 0, keep: Path | None = None, progress: bool = False
) -> Result:
    rng = random.Random(seed)
    pool = seeds()
    result = Result()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.toml"
        for number in range(files):
            data = mutant(rng, pool)
            path.write_bytes(data)
            for args in COMMANDS:
                full = [*args, str(path)]
                judge(result, f"#{number} {' '.join(args)}", *run_in_process(full), keep, data)
                if subprocess_every and number % subprocess_every == 0:
                    judge(result, f"#{number} {' '.join(args)} (subprocess)", *run_subprocess(full), keep, data)
            if progress and (number + 1) % 250 == 0:
                print(f"{number + 1:,} files, {result.runs:,} runs, {len(result.failures)} failures", flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--subprocess-every", type=int, default=50)
    parser.add_argument("--keep", type=Path, default=ROOT / "bench" / "out" / "fuzz-failures")
    args = parser.parse_args()
    started = time.perf_counter()
    result = campaign(args.files, args.seed, args.subprocess_every, args.keep, progress=True)
    print(
        f"{args.files:,} mutated briefings, {result.runs:,} runs in {time.perf_counter() - started:.0f} s; "
        f"slowest run {result.slowest_s:.2f} s; exit codes {dict(sorted(result.exit_codes.items()))}; "
        f"{len(result.failures)} failures"
    )
    for failure in result.failures[:20]:
        print("  " + failure)
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
