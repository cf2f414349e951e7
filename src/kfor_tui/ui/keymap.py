"""Every binding with an id, where it applies, and a check of a user `[keymap]` for unknown ids and clashes.

The user's keymap is applied with Textual's `App.set_keymap`; Textual ignores unknown ids and only reports
some clashes (at key-press time), so the app checks the whole keymap once, here, and says what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import _normalize_key_list, format_key


@dataclass(frozen=True)
class Scope:
    name: str
    where: str
    bindings: tuple[Binding, ...]  # every binding in effect there, id or not, inherited ones included


def scopes() -> list[Scope]:
    """The binding scopes of the app, in the order docs/keys.md lists them."""
    from textual.screen import Screen

    from kfor_tui.ui.app import KforApp
    from kfor_tui.ui.help_overlay import HelpOverlay
    from kfor_tui.ui.list_keys import KeyedOptionList, KeyedTable
    from kfor_tui.ui.lookup import LookupScreen
    from kfor_tui.ui.prompt import Prompt
    from kfor_tui.ui.virtual_table import VirtualTable

    def merged(*classes: type) -> tuple[Binding, ...]:
        out: list[Binding] = []
        for cls in classes:
            for bindings in cls._merged_bindings.key_to_bindings.values():  # type: ignore[attr-defined]
                out.extend(bindings)
        return tuple(out)

    return [
        Scope("app", "everywhere in the main screen", merged(KforApp, Screen)),
        Scope("lists", "tables and lists (the focused part of a view)", merged(VirtualTable, KeyedTable, KeyedOptionList)),
        Scope("help", "the ? overlay", merged(HelpOverlay)),
        Scope("lookup", "the : lookup prompt", merged(LookupScreen)),
        Scope("prompt", "the /, filter and year prompts", merged(Prompt)),
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
    normal = {ident: _normalize_key_list(keys) for ident, keys in keymap.items() if ident in known}
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
            problems.append(f"keymap clash: {show_keys(key)} in lists ({', '.join(sorted(labels))}) hides "
                            f"{', '.join(sorted(app_labels))}")
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
