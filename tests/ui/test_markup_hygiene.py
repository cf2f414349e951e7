"""No markup string is built from briefing text: a source scan for the risky patterns (strings handed to
widgets that parse markup), so a new one fails here before it reaches a user."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "src" / "kfor_tui" / "ui"

RISKY = [
    (re.compile(r"\b(Static|Label|Button|Option|TabPane|Collapsible)\(\s*f?[\"']"), "a str where Content is needed"),
    (re.compile(r"\.(update|add_row|add_option|add_column)\(\s*f[\"']"), "an f-string into a widget"),
    (re.compile(r"\bborder_(title|subtitle)\s*=\s*f?[\"']"), "a str title (parsed as markup)"),
    (re.compile(r"Content\.from_markup\(\s*f[\"']"), "data interpolated into markup (use $variables)"),
]


def calls(text: str, name: str) -> list[str]:
    """The full text of every call `name(...)`, however many lines it spans."""
    out = []
    for match in re.finditer(rf"\b{name}\(", text):
        depth, i = 0, match.end() - 1
        while i < len(text):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                break
            i += 1
        out.append(text[match.start() : i + 1])
    return out


def test_no_risky_widget_strings():
    found = []
    for path in sorted(UI.glob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for pattern, why in RISKY:
                if pattern.search(line):
                    found.append(f"{path.name}:{number}: {why}: {line.strip()}")
    assert found == []


def test_every_notification_is_plain_text():
    missing = [
        f"{path.name}: {call[:60]}"
        for path in sorted(UI.glob("*.py"))
        for call in calls(path.read_text(), "notify")
        if "markup=False" not in call
    ]
    assert missing == []
