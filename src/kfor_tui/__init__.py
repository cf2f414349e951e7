"""kfor-tui: a terminal reader for KFOR briefings in which every fact cites its source.

Nothing is imported here, so `kfor-tui check` starts without Textual.
"""

__version__ = "0.1.0"
