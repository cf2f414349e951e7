"""Exports of a validated corpus: JSON for scripts, Markdown for people."""
