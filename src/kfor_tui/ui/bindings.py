"""Every key of the app, by binding id, in one place: the widgets, screens and views take their BINDINGS
from here, and the keymap check (ui/keymap.py) and docs/keys.md read the same tables without importing the
app. Binding ids are what users remap in `[keymap]`: they never change.

DISPLAY_ORDER is the order the footer and the help list keys in, wherever they are declared (a key declared
on a view comes before the screen's in Textual's own order).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP: list[BindingType] = [
    Binding("ctrl+p", "command_palette", "Palette", show=False, priority=True, id="palette"),
    Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit"),
]

SCREEN: list[BindingType] = [
    Binding("colon", "lookup", "Lookup", id="lookup"),
    Binding("1", "show_pane('nations')", "Nations", id="pane-nations"),
    Binding("2", "show_pane('chronology')", "Chronology", id="pane-chronology"),
    Binding("3", "show_pane('sources')", "Sources", id="pane-sources"),
    Binding("4", "show_pane('conflicts')", "Conflicts", show=False, id="pane-conflicts"),
    Binding("5", "show_pane('review')", "What is new", show=False, id="pane-review"),
    Binding("at", "as_of", "As known on a date", show=False, id="as-of"),
    Binding("exclamation_mark", "problems", "Problems", show=False, id="problems"),
    Binding("left_square_bracket", "back", "Back", id="back"),
    Binding("right_square_bracket", "forward", "Fwd", show=False, id="forward"),
    Binding("escape", "remove_layer", "Remove a layer, back", show=False, id="dismiss"),
    Binding("slash", "search", "Search", show=False, id="search"),
    Binding("n", "search_step(1)", "Next match or quote", show=False, id="search-next"),
    Binding("N", "search_step(-1)", "Previous match or quote", show=False, id="search-previous"),
    Binding("y", "yank", "Copy", show=False, id="yank"),
    Binding("tab", "app.focus_next", "Next part", show=False, id="focus-next"),
    Binding("shift+tab", "app.focus_previous", "Previous part", show=False, id="focus-previous"),
    Binding("question_mark", "help", "Keys", id="help"),
    Binding("q", "close", "Close", id="close"),
]

SORT = Binding("s", "sort", "Sort", id="sort")
FILTER = Binding("f", "filter", "Filter", id="filter")
JUMP_YEAR = Binding("Y", "jump_year", "Year", id="jump-year")
FACT = Binding("i", "fact_detail", "Fact", show=False, id="fact-detail")
CONFLICT = Binding("C", "open_conflict", "Its conflict", show=False, id="open-conflict")
SOURCE_INFO = Binding("I", "source_info", "Source information", show=False, id="source-info")
MARK_REVIEWED = Binding("r", "mark_reviewed", "Mark reviewed", show=False, id="mark-reviewed")
MARK_ALL_REVIEWED = Binding("R", "mark_all_reviewed", "Mark all shown reviewed", show=False, id="mark-all-reviewed")
UNREVIEWED_ONLY = Binding("u", "unreviewed_only", "Only unreviewed", show=False, id="unreviewed-only")
# the keys every view that lists facts has: i, c and the review marks
CHART = Binding("t", "strength_chart", "Strength over time", show=False, id="strength-chart")
CHART_KEYS: list[BindingType] = [
    Binding("l,right", "point(1)", "Next point", show=False, id="chart-next"),
    Binding("h,left", "point(-1)", "Previous point", show=False, id="chart-previous"),
    Binding("g,home", "first_point", "First point", show=False, id="chart-first"),
    Binding("G,end", "last_point", "Latest point", show=False, id="chart-last"),
    Binding("j,down", "subject(1)", "Next subject", show=False, id="chart-subject-next"),
    Binding("k,up", "subject(-1)", "Previous subject", show=False, id="chart-subject-previous"),
    Binding("enter", "open_point", "Its fact", show=False, id="chart-open"),
]
FACT_KEYS = [FACT, CONFLICT, MARK_REVIEWED, MARK_ALL_REVIEWED, UNREVIEWED_ONLY]

# the reader's selection (ui/selection.py): v starts it, the others work while there is one
# (not in the footer, which has no room left at 80 columns: the reader's status line names v, then a)
SELECT = Binding("v", "select", "Select a sentence", show=False, id="select")
SELECTION: list[BindingType] = [
    Binding("w", "select_sentence(1)", "Select the next sentence", show=False, id="select-next-sentence"),
    Binding("b", "select_sentence(-1)", "Select the previous sentence", show=False, id="select-previous-sentence"),
    Binding("l", "select_end(1)", "Selection: a word more at its end", show=False, id="select-grow-end"),
    Binding("h", "select_end(-1)", "Selection: a word less at its end", show=False, id="select-shrink-end"),
    Binding("H", "select_start(-1)", "Selection: a word more at its start", show=False, id="select-grow-start"),
    Binding("L", "select_start(1)", "Selection: a word less at its start", show=False, id="select-shrink-start"),
    # a: add it as a fact (c stays free: docs/keys.md's example keymap puts yank there)
    Binding("a", "capture", "Capture the selection as a fact", show=False, id="capture"),
]
# writing a fact's record in its briefing file (ui/edit_record.py), from the fact's detail
EDIT_RECORD = Binding("E", "edit_record", "Edit the record", show=False, id="edit-record")
DELETE_RECORD = Binding("D", "delete_record", "Delete the record", show=False, id="delete-record")

LIST: list[BindingType] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="cursor-down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="cursor-up"),
    Binding("g,home", "go_top", "Top", show=False, id="top"),
    Binding("G,end", "go_bottom", "Bottom", show=False, id="bottom"),
    Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="half-page-down"),
    Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="half-page-up"),
]
OPEN_ROW = Binding("enter", "select_cursor", "Open", show=False, id="open")
OPEN_OPTION = Binding("enter", "select", "Open", show=False, id="open")
PAGES: list[BindingType] = [
    Binding("pagedown", "page(1)", "Page down", show=False, id="page-down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="page-up"),
]

HELP: list[BindingType] = [
    Binding("escape", "dismiss", "Close help", id="help-close"),
    Binding("question_mark", "dismiss", "Close help", show=False, id="help-toggle"),
    Binding("q", "dismiss", "Close help", show=False, id="help-quit"),
]
LOOKUP: list[BindingType] = [
    Binding("escape", "cancel", "Close", id="lookup-cancel"),
    Binding("down", "move(1)", "Next hit", show=False, id="lookup-next"),
    Binding("up", "move(-1)", "Previous hit", show=False, id="lookup-previous"),
    Binding("pagedown", "move(10)", "Page down", show=False, id="lookup-page-down"),
    Binding("pageup", "move(-10)", "Page up", show=False, id="lookup-page-up"),
]
PROMPT: list[BindingType] = [Binding("escape", "cancel", "Cancel", id="prompt-cancel")]
CHOOSE_KIND: list[BindingType] = [Binding("escape", "cancel", "Cancel", id="kind-cancel")]
CAPTURE_FORM: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", id="form-save"),
    Binding("escape", "cancel", "Cancel", id="form-cancel"),
]
CONFIRM: list[BindingType] = [
    Binding("y", "confirm", "Write it", id="confirm-yes"),
    Binding("n,escape", "cancel", "Do not write", id="confirm-no"),
]

DISPLAY_ORDER = (
    "quit",
    "palette",
    "lookup",
    "pane-nations",
    "pane-chronology",
    "pane-sources",
    "pane-conflicts",
    "pane-review",
    "as-of",
    "problems",
    "back",
    "forward",
    "dismiss",
    "search",
    "search-next",
    "search-previous",
    "sort",
    "strength-chart",
    "chart-next",
    "chart-previous",
    "chart-first",
    "chart-last",
    "chart-subject-next",
    "chart-subject-previous",
    "chart-open",
    "filter",
    "jump-year",
    "fact-detail",
    "open-conflict",
    "source-info",
    "mark-reviewed",
    "mark-all-reviewed",
    "unreviewed-only",
    "select",
    "select-next-sentence",
    "select-previous-sentence",
    "select-grow-end",
    "select-shrink-end",
    "select-grow-start",
    "select-shrink-start",
    "capture",
    "edit-record",
    "delete-record",
    "yank",
    "focus-next",
    "focus-previous",
    "help",
    "close",
)
