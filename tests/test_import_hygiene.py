"""Nothing below the ui imports Textual: checked in a fresh interpreter, as Harlequin does."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "kfor_tui.cli",
    "kfor_tui.index.search",
    "kfor_tui.model",
    "kfor_tui.frozen",
    "kfor_tui.index.first_screen",
    "kfor_tui.dates",
    "kfor_tui.quantities",
    "kfor_tui.nations",
    "kfor_tui.io.loader",
    "kfor_tui.io.atomic",
    "kfor_tui.index.chronology",
    "kfor_tui.index.involvement",
    "kfor_tui.export.json_export",
    "kfor_tui.export.markdown_export",
    "kfor_tui.export.html_export",
    "kfor_tui.charts.svg_chart",
    "kfor_tui.charts.terminal_plot",
    "kfor_tui.index.strength_series",
    "kfor_tui.settings",
    "kfor_tui.session",
    "kfor_tui.io.reload",
    "kfor_tui.io.watch",
    "kfor_tui.ui.yank",
    "kfor_tui.ui.location",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual_or_rich(module):
    code = (
        f"import sys, {module}; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_check_command_runs_without_textual():
    code = (
        "import sys, kfor_tui.cli as c; c.main(['check', '--strict']);"
        "print([m for m in sys.modules if m.startswith('textual')], file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stderr.strip().splitlines()[-1] == "[]"


def test_checking_a_keymap_does_not_load_the_app():
    """`kfor-tui config` with a [keymap] checks it against the binding tables, not by importing the TUI."""
    code = (
        "import sys; from kfor_tui.ui.keymap import check_keymap; check_keymap({'yank': 'c'}); "
        "print(sorted(m for m in sys.modules if m.startswith('kfor_tui.ui.') and not m.startswith("
        "('kfor_tui.ui.keymap', 'kfor_tui.ui.bindings', 'kfor_tui.ui.compat'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
