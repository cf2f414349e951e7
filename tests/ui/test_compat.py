"""Every private name of Textual and Rich that kfor-tui uses (ui/compat.py) still exists in the installed
versions: a Textual upgrade that renames one fails here, by name, rather than somewhere in a screen."""

from __future__ import annotations

import ast
from pathlib import Path

import rich._wrap
import textual.keys
from textual.app import App
from textual.widgets import DataTable, Footer, OptionList

SRC = Path(__file__).resolve().parents[2] / "src" / "kfor_tui"


def test_the_private_names_compat_uses_exist() -> None:
    assert hasattr(rich._wrap, "divide_line")
    assert hasattr(textual.keys, "_normalize_key_list")
    assert callable(getattr(App, "_refresh_truecolor_filter", None))
    assert callable(getattr(App, "_invalidate_css", None))
    app = App()
    assert isinstance(app._filters, list) and isinstance(app._keymap, dict)
    assert app._exit is False
    app.exit()
    assert app._exit is True
    assert callable(getattr(DataTable, "_get_row_region", None))
    assert callable(getattr(OptionList, "_update_lines", None))
    assert "_bindings_ready" in dir(Footer)


def test_no_other_module_touches_a_private_name_of_textual_or_rich() -> None:
    """Outside compat.py, no import of a private module and no attribute `_x` read off Textual's objects."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "compat.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            ours = isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("textual", "rich")
            if ours and (
                any(part.startswith("_") for part in node.module.split("."))
                or any(alias.name.startswith("_") for alias in node.names)
            ):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} imports {node.module}")
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in ("app", "focused", "table", "footer")
            ):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} reads {node.value.id}.{node.attr}")
    assert not offenders, offenders
