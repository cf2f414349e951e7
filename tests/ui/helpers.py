from __future__ import annotations

from kfor_tui.ui.app import KforApp
from kfor_tui.ui.views.base import ListTable


async def loaded(app: KforApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the briefings are on screen and lookup is ready for them (the app says so: `ready`), then
    for what that set off to be drawn. Bounded: a test that never gets there fails rather than hangs."""
    for _ in range(3000):
        await app.workers.wait_for_complete()
        if app.ready:
            break
        await pilot.pause(0.01)
    assert app.ready, "the briefings and their lookup index never became ready"
    await pilot.pause()


def record_notices(app: KforApp) -> list[str]:
    """Every notice the app shows from now on, as the text shown (and always without markup)."""
    notes: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert kwargs.get("markup") is False
        notes.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return notes


def table(app: KforApp, selector: str) -> ListTable:
    found = app.screen.query_one(selector)
    assert isinstance(found, ListTable)
    return found


def cursor_text(t: ListTable) -> str:
    return t.row_text(t.cursor_row)


def all_rows(t: ListTable) -> list[str]:
    return [t.row_text(i) for i in range(t.row_count)]


# -- the real command in tmux -------------------------------------------------------------------------------
import shutil  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def isolated(tmp_path: Path) -> str:
    """`VAR=value` words for `env` that keep a kfor-tui started by tmux (whose server may predate the test and
    so miss the test's own environment) out of the user's config, cache and data folders."""
    return (
        f"XDG_CONFIG_HOME={tmp_path / 'config'} XDG_CACHE_HOME={tmp_path / 'cache'} "
        f"XDG_DATA_HOME={tmp_path / 'data'} KFOR_CACHE=0 KFOR_CONFIG={tmp_path / 'config' / 'config.toml'}"
    )


COMMAND = ROOT / ".venv" / "bin" / "kfor-tui"
HAVE_TMUX = shutil.which("tmux") is not None and COMMAND.exists()


def run_in_tmux(
    tmp_path: Path,
    arguments: str,
    keys: list[tuple[str, str]],
    *,
    env: str = "",
    wait_first: str,
    colorterm: bool = False,
    escapes: bool = False,
) -> tuple[bytes, list[str]]:
    """Run `kfor-tui ARGUMENTS` at 80x24 in tmux with every byte it writes recorded (pipe-pane); wait for
    `wait_first`, then press each key and wait for the text it should bring; quit with ctrl+q. Returns
    (bytes written, the screen after the start and after each key; with `escapes`, each screen keeps its colour
    and attribute escape codes, as `capture-pane -e` gives them)."""
    session = f"kfor-{uuid.uuid4().hex[:8]}"
    log = tmp_path / f"{session}.bin"
    terminal = "TERM=xterm-256color" + (" COLORTERM=truecolor" if colorterm else "")
    command = f"sleep 0.3; env {terminal} {isolated(tmp_path)} {env} {COMMAND} {arguments}; echo EXITED $?; sleep 5"
    subprocess.run(
        ["tmux", "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command],
        check=True,
        cwd=ROOT,
    )
    try:
        subprocess.run(["tmux", "pipe-pane", "-t", session, "-o", f"cat >> {log}"], check=True)
        # a lone Escape must not wait for (and merge with) the next key, as tmux's 500 ms default does
        subprocess.run(["tmux", "set-option", "-s", "-t", session, "escape-time", "10"], check=True)

        def screen(keep: bool = False) -> str:
            return subprocess.run(
                ["tmux", "capture-pane", "-p", *(["-e"] if keep else []), "-t", session],
                capture_output=True,
                text=True,
                check=True,
            ).stdout

        def wait(text: str) -> str:
            """The screen once `text` is on it and two captures 0.2 s apart agree (no frame half drawn)."""
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                shown = screen()
                if text in shown:
                    settle = time.monotonic() + 3
                    while time.monotonic() < settle:
                        time.sleep(0.2)
                        again = screen()
                        if again == shown:
                            break
                        shown = again
                    return shown
                time.sleep(0.1)
            raise AssertionError(f"{text!r} not on screen:\n{screen()}")

        screens = [wait(wait_first)]
        for key, expect in keys:
            already = expect in screen()
            subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
            if already:  # the text proves nothing yet: give the key time to take effect
                time.sleep(0.8)
            screens.append(wait(expect))
            if escapes:
                screens[-1] = screen(keep=True)
        subprocess.run(["tmux", "send-keys", "-t", session, "C-q"], check=True)
        wait("EXITED 0")
        return log.read_bytes(), screens
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)
