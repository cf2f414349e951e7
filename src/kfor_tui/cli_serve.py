"""`kfor-tui serve`: the app in a browser, through textual-serve, Textual's own web front end. The browser shows
the very app the terminal does (the same views, keys and marking), so there is no second UI to keep true.

Each browser tab gets its own app process, started as `kfor-tui [PATH...]` would be (textual-serve runs a
shell command per session; the command is built here with every argument quoted). The server listens on
127.0.0.1 unless told otherwise: the briefings are marked material and anyone who can reach the port can
read them, so the way in from another machine is an SSH tunnel (docs/ssh.md). On loopback it also answers
only to localhost names (a web page cannot reach it by DNS rebinding), and a terminal socket is opened only
for a page of this server (no other site's page can drive the app from a visitor's browser).

SIGINT and SIGTERM stop it: each app is asked to quit as if the user had, then terminated, then killed, so
no app process outlives the server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import ipaddress
import json
import logging
import os
import shlex
import signal
import socket
import sys
from functools import partial
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from kfor_tui.cli_corpus import paths_arguments

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
NOT_SERVED = 2  # like a usage error: an address it cannot listen on, a PATH that is not there
QUIT_GRACE = 2.0  # seconds an app has to quit on request before it is terminated
TERMINATE_GRACE = 2.0  # ... and to end on SIGTERM before it is killed
HTTP_SHUTDOWN_TIMEOUT = 3.0  # seconds the web server waits for open requests once the apps have ended
PAGE = Path(__file__).with_name("serve_page.html")
WILDCARD_HOSTS = ("", "0.0.0.0", "::")


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0-65535, not {port}")
    return port


def build_serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kfor-tui serve",
        description="Serve the app to a web browser (textual-serve): each browser tab gets its own kfor-tui, "
        "opened on PATH... as 'kfor-tui PATH...' would be. Listens on 127.0.0.1 only, unless --host says "
        "otherwise: anyone who can reach the port can read the briefings. From another machine, use an SSH "
        "tunnel: ssh -L 8000:localhost:8000 HOST, then open http://localhost:8000 (docs/ssh.md). "
        "Ctrl+C or SIGTERM stops the server and every app it started.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only; 0.0.0.0 = every network)",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"port to listen on (default {DEFAULT_PORT}; 0 = any free port, printed on start)",
    )
    paths_arguments(parser)
    return parser


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser session: this Python running kfor-tui on the same
    briefings. Every argument is quoted; `exec` makes the app the process the server started (signals reach it,
    not a shell), and `--` keeps a PATH named like a command or an option a PATH."""
    words = [sys.executable, "-m", "kfor_tui"]
    if args.briefings is not None:
        words += ["--briefings", str(Path(args.briefings).absolute())]
    words += ["--", *(str(Path(path).absolute()) for path in args.paths)]
    return "exec " + " ".join(shlex.quote(word) for word in words)


def is_loopback(host: str) -> bool:
    """True when the address to listen on is this machine's loopback only (127.0.0.0/8, ::1, localhost, or a
    name that resolves to nothing else)."""
    if is_loopback_name(host.strip("[]")):
        return True
    if host in WILDCARD_HOSTS:
        return False
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def is_loopback_name(hostname: str) -> bool:
    """A name that can only mean this machine, without asking DNS (which a rebinding attacker controls):
    localhost, or a loopback address. What a request's Host must name when the server listens on loopback."""
    if hostname.lower() == "localhost" or hostname.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int) -> str:
    where = "every network interface of this machine" if host in WILDCARD_HOSTS else f"{host}"
    return (
        f"kfor-tui serve: WARNING: listening on {where}, port {port}: not only this machine. The briefings are "
        "marked material, and anyone who can reach this port can read them, with no password. "
        "Prefer the default (127.0.0.1) and an SSH tunnel: ssh -L 8000:localhost:8000 HOST, "
        "then open http://localhost:8000 (docs/ssh.md)."
    )


def shown_url(host: str, port: int) -> str:
    if host in WILDCARD_HOSTS:
        host = socket.gethostname()
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


class _OneLine(logging.Formatter):
    """textual-serve and aiohttp log failures with tracebacks (and their local variables); a user sees one line."""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return super().format(record).splitlines()[0] if record.getMessage() else ""


def _quiet_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine("kfor-tui serve: %(message)s"))
    for name in ("textual-serve", "aiohttp"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def run_serve(args: argparse.Namespace) -> int:
    for path in [*args.paths, *([args.briefings] if args.briefings is not None else [])]:
        if not Path(path).exists():
            from kfor_tui.io.sanitise import shown_name

            print(f"kfor-tui serve: no such file or folder: {shown_name(str(path))}", file=sys.stderr)
            return NOT_SERVED
    _quiet_logging()
    return asyncio.run(_serve(app_command(args), args.host, args.port))


async def _serve(command: str, host: str, port: int) -> int:
    stop = asyncio.Event()  # set by SIGINT or SIGTERM from here on, so a stop while starting is not lost
    for number in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(number, stop.set)
    server = BrowserServer(command, host, port)
    runner = web.AppRunner(server.web_application(), access_log=None, shutdown_timeout=HTTP_SHUTDOWN_TIMEOUT)
    await runner.setup()
    site = web.TCPSite(runner, host or None, port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        reason = os.strerror(exc.errno) if isinstance(exc.errno, int) and exc.errno > 0 else exc.strerror or str(exc)
        where = shown_url(host, port).removeprefix("http://")
        print(f"kfor-tui serve: cannot listen on {where}: {reason[:1].lower()}{reason[1:]}", file=sys.stderr)
        return NOT_SERVED
    bound = runner.addresses[0][1] if runner.addresses else port
    server.loopback_only = is_loopback(host)
    if not server.loopback_only:
        print(exposure_warning(host, bound), file=sys.stderr, flush=True)
    print(f"kfor-tui serve: {shown_url(host, bound)}  (ctrl+c stops)", flush=True)
    try:
        await stop.wait()
    finally:
        sessions = len(server.sessions)
        await runner.cleanup()  # on_shutdown ends every app first
    print(f"kfor-tui serve: stopped ({sessions} session{'s' * (sessions != 1)} ended)", file=sys.stderr)
    return 0


# ---- textual-serve's Server, with the sessions it starts kept track of


class AppSession(AppService):
    """One browser tab's app process."""

    @property
    def process(self) -> asyncio.subprocess.Process | None:
        return self._process  # textual-serve keeps it private; ending a session needs it


class BrowserServer(Server):
    """textual-serve's Server: its static files (the terminal's JavaScript), downloads and app sessions, with
    a page that fetches nothing from elsewhere, requests checked for where they come from, and every app
    ended on shutdown."""

    def __init__(self, command: str, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title="kfor-tui")
        self.sessions: dict[AppSession, web.WebSocketResponse] = {}  # each session and its tab's socket
        self.loopback_only = True
        self.page = Template(PAGE.read_text(encoding="utf-8"))

    def web_application(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    def refusal(self, request: web.Request, *, socket: bool = False) -> str | None:
        """Why a request is refused, or None. On loopback only localhost names are answered: another name
        means a web page reached here by DNS rebinding. A terminal socket must come from this server's own page:
        browsers let any site open a WebSocket to any address, and send its Origin."""
        hostname = urlsplit(f"//{request.host}").hostname or ""
        if self.loopback_only and not is_loopback_name(hostname):
            return f"refused a request for {hostname!r}: this server answers only to localhost names"
        origin = request.headers.get("Origin")
        if socket and origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
            return "refused a terminal socket opened by another site's page"
        return None

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page, with the addresses the browser used to reach it (a tunnel's local port, a host name)."""
        if (refused := self.refusal(request)) is not None:
            logging.getLogger("textual-serve").warning(refused)
            raise web.HTTPForbidden(text=f"kfor-tui serve: {refused}\n")
        base = f"{request.scheme}://{request.host}"
        socket_scheme = "wss" if request.scheme == "https" else "ws"
        query_size = request.query.get("fontsize", "16")
        page = self.page.substitute(
            {
                "title": html.escape(self.title, quote=True),
                "static_url": html.escape(f"{base}/static/", quote=True),
                "websocket_url": html.escape(f"{socket_scheme}://{request.host}/ws", quote=True),
                "font_size": str(int(query_size)) if query_size.isdigit() and 6 <= int(query_size) <= 64 else "16",
            }
        )
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab: its app process, fed the tab's keys and resizes, until either side closes."""
        if (refused := self.refusal(request, socket=True)) is not None:
            logging.getLogger("textual-serve").warning(refused)
            raise web.HTTPForbidden(text=f"kfor-tui serve: {refused}\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        session = AppSession(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=partial(_close, websocket),
            download_manager=self.download_manager,
        )
        try:
            await session.start(_size(request.query.get("width"), 80), _size(request.query.get("height"), 24))
        except OSError as exc:
            logging.getLogger("textual-serve").warning(f"cannot start the app: {exc.strerror or exc}")
            await websocket.close(code=WSCloseCode.INTERNAL_ERROR)
            return websocket
        self.sessions[session] = websocket
        try:
            async for message in websocket:
                if message.type == WSMsgType.TEXT:
                    await _deliver(session, message.data)
        finally:
            with contextlib.suppress(Exception):  # the app may be gone already; ending it is on_shutdown's job too
                await session.stop()
            self.sessions.pop(session, None)
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Every app is asked to quit (as its q would), then terminated, then killed; then its tab is told."""
        await asyncio.gather(*(self.end(session, websocket) for session, websocket in list(self.sessions.items())))

    async def end(self, session: AppSession, websocket: web.WebSocketResponse) -> None:
        process = session.process
        if process is not None and process.returncode is None:
            with contextlib.suppress(Exception):  # its input may be closed already
                await session.send_meta({"type": "quit"})
            for ending, grace in ((None, QUIT_GRACE), (process.terminate, TERMINATE_GRACE), (process.kill, None)):
                if ending is not None:
                    with contextlib.suppress(ProcessLookupError):
                        ending()
                try:
                    await asyncio.wait_for(process.wait(), grace)
                    break
                except TimeoutError:
                    continue
        with contextlib.suppress(Exception):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"kfor-tui serve stopped")


async def _close(websocket: web.WebSocketResponse) -> None:
    await websocket.close()


def _size(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.isdigit() and 1 <= int(text) <= 1000 else default


async def _deliver(session: AppSession, data: str) -> None:
    """A message from the browser's terminal: keys, a new size, focus or blur. Anything else is ignored."""
    with contextlib.suppress(ValueError):
        envelope = json.loads(data)
        if not isinstance(envelope, list) or not envelope:
            return
        kind, payload = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(payload, str):
            await session.send_bytes(payload.encode("utf-8"))
        elif kind == "resize" and isinstance(payload, dict):
            width, height = payload.get("width"), payload.get("height")
            if isinstance(width, int) and isinstance(height, int) and 1 <= width <= 1000 and 1 <= height <= 1000:
                await session.set_terminal_size(width, height)
        elif kind == "focus":
            await session.focus()
        elif kind == "blur":
            await session.blur()
