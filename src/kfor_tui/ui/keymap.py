"""Every binding with an id, where it applies, and a check of a user `[keymap]` for unknown ids and clashes.

The user's keymap is applied with Textual's `App.set_keymap`; Textual ignores unknown ids and only reports
some clashes (at key-press time), so the app checks the whole keymap once, here, and says what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType
from textual.keys import format_key

from kfor_tui.settings import Settings
from kfor_tui.ui import bindings
from kfor_tui.ui.compat import normalize_keys


@dataclass(frozen=True)
class Scope:
    name: str
    where: str
    bindings: tuple[Binding, ...]  # every binding in effect there, id or not, inherited ones included


def declared(cls: type) -> list[Iterable[BindingType]]:
    """The BINDINGS a Textual class and its bases declare, bases first (DataTable's arrows, Screen's tab)."""
    return [base.__dict__.get("BINDINGS", ()) for base in reversed(cls.__mro__)]


def merged(*layers: Iterable[BindingType]) -> tuple[Binding, ...]:
    """One class's bindings as Textual merges them: a later binding of the same key replaces an earlier one."""
    by_key: dict[str, Binding] = {}
    for layer in layers:
        for binding in Binding.make_bindings(layer):
            by_key[binding.key] = binding
    return tuple(by_key.values())


def scopes() -> list[Scope]:
    """The binding scopes of the app, in the order docs/keys.md lists them: the tables of ui/bindings.py over
    what Textual's own classes declare. Nothing here imports the app."""
    from textual.app import App
    from textual.screen import ModalScreen, Screen
    from textual.scroll_view import ScrollView
    from textual.widgets import DataTable, OptionList

    modal = declared(ModalScreen)
    views = merged(
        [bindings.SORT, bindings.FILTER, bindings.JUMP_YEAR, *bindings.FACT_KEYS, bindings.SOURCE_INFO, bindings.CHART],
        [bindings.SELECT, *bindings.SELECTION, bindings.EDIT_RECORD, bindings.DELETE_RECORD],
    )
    return [
        Scope(
            "app",
            "everywhere in the main screen (s, f, Y, i, the reader's selection and E, D in the views that have them)",
            (*merged(*declared(App), bindings.APP), *merged(*declared(Screen), bindings.SCREEN), *views),
        ),
        Scope(
            "lists",
            "tables and lists (the focused part of a view)",
            (
                *merged(*declared(ScrollView), [bindings.OPEN_ROW, *bindings.LIST, *bindings.PAGES]),
                *merged(*declared(DataTable), [bindings.OPEN_ROW, *bindings.LIST]),
                *merged(*declared(OptionList), [bindings.OPEN_OPTION, *bindings.LIST]),
            ),
        ),
        Scope("chart", "the strength chart (t)", merged(bindings.CHART_KEYS)),
        Scope("help", "the ? overlay", merged(*modal, bindings.HELP)),
        Scope("lookup", "the : lookup prompt", merged(*modal, bindings.LOOKUP)),
        Scope("prompt", "the /, filter and year prompts", merged(*modal, bindings.PROMPT)),
        Scope(
            "kind",
            "the reader's a: which kind of fact to capture",
            merged(*modal, *declared(OptionList), [bindings.OPEN_OPTION, *bindings.LIST], bindings.CHOOSE_KIND),
        ),
        Scope("form", "the capture form, and E's edit form", merged(*modal, bindings.CAPTURE_FORM)),
        Scope("confirm", "the preview of a change before it is written (E, D)", merged(*modal, bindings.CONFIRM)),
    ]


def _label(binding: Binding) -> str:
    return binding.id or f"(built-in {binding.action})"


def show_keys(keys: str) -> str:
    return ", ".join(format_key(key) for key in keys.split(","))


def documented() -> list[tuple[str, str, str, str]]:
    """(scope, binding id, default keys, description) of every binding with an id, each once per scope."""
    rows: list[tuple[str, str, str, str]] = []
    for scope in scopes():
        keys: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        for binding in scope.bindings:
            if binding.id is None:
                continue
            for key in binding.key.split(","):
                if key not in keys.setdefault(binding.id, []):
                    keys[binding.id].append(key)
            descriptions.setdefault(binding.id, binding.description or binding.action)
        for ident, key_list in keys.items():
            rows.append((scope.name, ident, show_keys(",".join(key_list)), descriptions[ident]))
    return rows


def known_ids() -> set[str]:
    return {ident for _, ident, _, _ in documented()}


def _effective(scope: Scope, keymap: dict[str, str]) -> dict[str, set[str]]:
    """key -> labels of the bindings on it in `scope` once `keymap` (normalised) is applied."""
    out: dict[str, set[str]] = {}
    for binding in scope.bindings:
        keys = keymap.get(binding.id or "") or binding.key
        for key in keys.split(","):
            out.setdefault(key.strip(), set()).add(_label(binding))
    return out


def check_keymap(keymap: dict[str, str]) -> list[str]:
    """What is wrong with a user keymap: unknown binding ids, and keys that two bindings would share in one
    scope (or a list key that hides an app key). Empty when the keymap is fine."""
    problems: list[str] = []
    known = known_ids()
    for ident in keymap:
        if ident not in known:
            problems.append(f"keymap: unknown binding id {ident!r} (ids are listed by '?' and in docs/keys.md)")
    normal = {ident: normalize_keys(keys) for ident, keys in keymap.items() if ident in known}
    all_scopes = {scope.name: scope for scope in scopes()}
    effective = {name: _effective(scope, normal) for name, scope in all_scopes.items()}
    for name, keys in effective.items():
        for key, labels in sorted(keys.items()):
            if len(labels) > 1 and labels & set(normal):
                problems.append(f"keymap clash in {name}: {show_keys(key)} is bound to {', '.join(sorted(labels))}")
    # A focused list sees a key before the app does: a list key that an app binding also uses hides it.
    for key, labels in sorted(effective["lists"].items()):
        app_labels = effective["app"].get(key, set())
        if app_labels and (labels | app_labels) & set(normal):
            problems.append(
                f"keymap clash: {show_keys(key)} in lists ({', '.join(sorted(labels))}) hides "
                f"{', '.join(sorted(app_labels))}"
            )
    return problems


def keys_markdown() -> str:
    """docs/keys.md, generated from the bindings (tests/ui/test_keymap.py keeps the file up to date)."""
    lines = [
        "# Keys and binding ids",
        "",
        "Generated from the code by `tests/ui/test_keymap.py` (run it with `KFOR_UPDATE_DOCS=1` to rewrite this",
        "file); do not edit by hand. Press `?` in the app for the keys of the current view.",
        "",
        "Remap any binding by its id in the `[keymap]` table of `config.toml` (`kfor-tui config` prints where",
        "that file is), keys separated by commas; the new keys replace the defaults:",
        "",
        "```toml",
        "[keymap]",
        'cursor-down = "j,ctrl+n"',
        'yank = "c"',
        "```",
        "",
        "or for one session, `KFOR_KEYMAP='cursor-down=j,ctrl+n;yank=c' kfor-tui` (entries separated by `;`).",
        "Key names are Textual's (`ctrl+x`, `shift+tab`, `question_mark` or `?`, `f1`, `pagedown`);",
        "`textual keys` (from textual-dev) shows what your terminal sends. Prefer letters, digits, F-keys and",
        "`ctrl+letter`: `ctrl+enter` and Cmd/Option do not reach the app over most terminals and SSH.",
        "Unknown ids and keys that two bindings would share are reported when the app starts and by",
        "`kfor-tui config`.",
        "",
    ]
    where = {scope.name: scope.where for scope in scopes()}
    current = None
    for scope, ident, keys, description in documented():
        if scope != current:
            current = scope
            lines += ["", f"## {scope}: {where[scope]}", "", "| Binding id | Default keys | Does |", "|---|---|---|"]
        lines.append(f"| `{ident}` | {' '.join(f'`{k}`' for k in keys.split(', '))} | {description} |")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


class ClashReporter:
    """Says once per set of bindings that a user's keymap made two bindings share a key (Textual finds these
    as keys are pressed, and calls App.handle_bindings_clash once per key)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.reported: set[frozenset[str]] = set()

    def report(self, clashed: set[Binding], node: object, keymap: dict[str, str]) -> None:
        # A binding with two default keys ("j,down") is re-keyed once per key, and Textual then reports it as
        # clashing with its own new key: that is not a clash.
        clashed = {b for b in clashed if not (b.id and b.key in [k.strip() for k in keymap.get(b.id, "").split(",")])}
        if not clashed:
            return
        ids = frozenset(b.id or b.action for b in clashed)
        if ids in self.reported:
            return
        self.reported.add(ids)
        self.app.notify(
            f"keymap clash in {type(node).__name__}: {', '.join(sorted(ids))} lost their key to the keymap",
            title="Settings",
            severity="warning",
            markup=False,
        )


def settings_problems(settings: Settings) -> list[str]:
    """What is wrong with the user's settings and keymap, said once when the app starts."""
    return [*settings.warnings, *check_keymap(settings.keymap)]
