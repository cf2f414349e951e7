"""`kfor-tui serve` as a user meets it: the real command, a real (headless) Chromium showing the app, a key that
reaches it, and a stop by SIGINT or SIGTERM that leaves no app process behind.

The browser draws the terminal on a canvas, so the screen is read from the terminal emulator (xterm.js) the
page runs: the test hands the page's own script back with the emulator made reachable as a global, and reads
its rows as text, as they are shown."""

from __future__ import annotations

import http.client
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import ROOT

KFOR_TUI = Path(sys.executable).parent / "kfor-tui"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",  # as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MARKING = "UNCLASSIFIED // OPEN SOURCE"

try:
    from playwright.sync_api import Browser, Page, Route, sync_playwright
except ImportError:  # the test extras are not installed
    sync_playwright = None

needs_command = pytest.mark.skipif(not KFOR_TUI.exists(), reason="the kfor-tui command is not installed here")
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason="needs Chromium (Debian package chromium) and Playwright for Python (the test extras)",
)


def app_processes(marker: str) -> list[int]:
    """Every process whose command line names `marker` (a unique folder given as the PATH), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # ended meanwhile
        if any(marker.encode() in word for word in words):
            found.append(int(entry.name))
    return found


class Served:
    """A `kfor-tui serve` subprocess in its own process group, on a free port, serving a copy of the bundled
    briefings in a folder whose name is unique to the test, and written to break out of a shell command."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.marker = f"kfor-serve-{uuid.uuid4().hex}"
        self.cwd = tmp_path
        folder = tmp_path / f"{self.marker} $(touch pwned) `touch pwned`; touch pwned '\" -x"
        shutil.copytree(ROOT / "briefings", folder)
        self.process = subprocess.Popen(
            [str(KFOR_TUI), "serve", "--port", "0", *args, str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            start_new_session=True,
        )
        self.first_line = self.read_line(15)
        found = re.search(r"http://\S+", self.first_line)
        assert found, f"no URL printed: {self.first_line!r} {self.stop_now()}"
        self.url = found.group(0)

    def read_line(self, timeout: float) -> str:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        return self.process.stdout.readline() if ready else ""

    def stop(self, number: signal.Signals) -> str:
        """Sends the server alone `number` and waits for it; returns what it wrote on stderr."""
        self.process.send_signal(number)
        _, err = self.process.communicate(timeout=15)
        return err

    def stop_now(self) -> str:
        """Ends the server's process group and anything left with the marker (a failed test's cleanup)."""
        err = ""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            _, err = self.process.communicate(timeout=10)
        for pid in app_processes(self.marker):
            os.kill(pid, signal.SIGKILL)
        return err


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert sync_playwright is not None and CHROMIUM is not None
    from playwright.sync_api import Error

    with sync_playwright() as playwright:
        try:
            # launch() starts Chromium with a fresh, temporary user data folder of its own
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Error as exc:
            pytest.skip(f"Playwright cannot start {CHROMIUM}: {str(exc).splitlines()[0]}")
        yield chromium
        chromium.close()


def expose_terminal(route: Route) -> None:
    """The page's script, with its terminal emulator kept in window.kforTerminal so the test can read rows."""
    response = route.fetch()
    script = response.text()
    assert script.count("this.terminal=new ") == 1, "textual-serve's script changed: update expose_terminal"
    route.fulfill(
        response=response, body=script.replace("this.terminal=new ", "this.terminal=window.kforTerminal=new ")
    )


SCREEN = """() => {
    const terminal = window.kforTerminal;
    if (!terminal) return "";
    const rows = [];
    for (let row = 0; row < terminal.rows; row++) {
        const line = terminal.buffer.active.getLine(row);
        rows.push(line ? line.translateToString(true) : "");
    }
    return rows.join("\\n");
}"""


def wait_for_screen(page: Page, text: str, rows: int = 99) -> list[str]:
    """The screen's rows once one of the first `rows` shows `text`."""
    page.wait_for_function(
        f"([text, rows]) => ({SCREEN})().split('\\n').slice(0, rows).some(line => line.includes(text))",
        arg=[text, rows],
        timeout=15_000,
    )
    return str(page.evaluate(SCREEN)).splitlines()


def open_app(browser: Browser, url: str) -> Page:
    page = browser.new_page(viewport={"width": 1000, "height": 640})
    page.route("**/static/js/textual.js", expose_terminal)
    page.goto(url, wait_until="domcontentloaded")
    return page


@needs_command
@needs_browser
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_the_app_in_a_browser_then_a_clean_stop(browser: Browser, tmp_path: Path, stop: signal.Signals) -> None:
    served = Served(tmp_path)
    try:
        assert served.url.startswith("http://127.0.0.1:")
        page = open_app(browser, served.url)
        screen = wait_for_screen(page, "Nations", rows=3)
        assert screen[0].strip() == MARKING  # the handling marking on top ...
        assert any("Albania" in row for row in screen)  # ... over the nations pane
        assert "Chronology" not in "\n".join(screen[:3])

        page.locator(".xterm-helper-textarea").focus()  # where xterm.js takes the keyboard
        page.keyboard.press("2")
        screen = wait_for_screen(page, "Chronology", rows=3)
        assert screen[0].strip() == MARKING
        assert "Nations (" not in "\n".join(screen[:3])

        apps = [pid for pid in app_processes(served.marker) if pid != served.process.pid]
        assert apps, "the browser's session has no app process"
        started = time.monotonic()
        err = served.stop(stop)  # the server alone: it must end its apps itself
        assert time.monotonic() - started < 5, "the server took too long to stop"
        assert served.process.returncode == 0, err
        assert "Traceback" not in err
        assert "stopped (1 session ended)" in err
        deadline = time.monotonic() + 2
        while app_processes(served.marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert app_processes(served.marker) == [], "an app process outlived the server"
        assert not (served.cwd / "pwned").exists(), "a PATH was run as shell code"
        page.close()
    finally:
        served.stop_now()


# ---- the command line around it (no browser needed)


@needs_command
def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run([str(KFOR_TUI), "serve", "--port", str(port)], capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr == f"kfor-tui serve: cannot listen on 127.0.0.1:{port}: address already in use\n"


@needs_command
def test_a_bad_host_is_one_line_and_exit_2() -> None:
    out = subprocess.run(
        [str(KFOR_TUI), "serve", "--host", "no-such-host.invalid"], capture_output=True, text=True, timeout=30
    )
    assert out.returncode == 2
    assert out.stderr.startswith("kfor-tui serve: cannot listen on no-such-host.invalid:8000: ")
    assert len(out.stderr.splitlines()) == 1


@needs_command
def test_listening_beyond_loopback_warns(tmp_path: Path) -> None:
    served = Served(tmp_path, "--host", "0.0.0.0")
    try:
        err = served.stop(signal.SIGTERM)
        assert served.process.returncode == 0
        assert "WARNING" in err and "anyone who can reach this port can read them" in err
        assert "ssh -L 8000:localhost:8000" in err
    finally:
        served.stop_now()


@needs_command
def test_loopback_answers_only_localhost_names_and_its_own_pages(tmp_path: Path) -> None:
    """DNS rebinding (a page of another site resolving to 127.0.0.1) and another site's page opening the
    terminal socket are refused; the page through an SSH tunnel's local port is served."""
    served = Served(tmp_path)
    try:
        port = int(served.url.rsplit(":", 1)[1])

        def get(path: str, **headers: str) -> tuple[int, str]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read().decode()
            connection.close()
            return response.status, body

        status, page = get("/", Host="localhost:9000")  # ssh -L 9000:localhost:PORT
        assert status == 200
        assert 'data-session-websocket-url="ws://localhost:9000/ws"' in page
        assert "googleapis" not in page  # nothing fetched from elsewhere
        assert get("/", Host="evil.example:9000")[0] == 403
        upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13"}
        upgrade["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ=="
        assert get("/ws", Host=f"127.0.0.1:{port}", Origin="http://evil.example", **upgrade)[0] == 403
        assert app_processes(served.marker) == [served.process.pid]  # no app was started for them
    finally:
        served.stop_now()
