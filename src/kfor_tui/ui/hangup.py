"""Quit when the terminal goes away.

A dropped SSH link or a killed tmux hangs up the terminal, but a process started under another (`make run`)
may get no SIGHUP, and Textual's input thread then spins on end-of-file at full CPU for ever, on a shared
host. Once a second, one isatty() call notices.

In a browser (`kfor-tui serve`) the app's terminal is its server: the server ends its apps when it stops, and
should it be killed outright, the app notices it has been handed to another parent and quits too.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from textual.app import App

HANGUP_EXIT = 129  # 128 + SIGHUP, as if hung up


def watch_for_hangup(app: App[Any]) -> None:
    if app.is_headless:
        return
    if app.is_web:
        server = os.getppid()

        def check_server() -> None:
            if os.getppid() != server:
                app.exit(return_code=HANGUP_EXIT)

        app.set_interval(1.0, check_server, name="server watch")
        return
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
    except (OSError, ValueError):
        return
    if fd < 0 or not os.isatty(fd):
        return

    def check() -> None:
        if not os.isatty(fd):
            app.exit(return_code=HANGUP_EXIT)

    app.set_interval(1.0, check, name="terminal watch")
