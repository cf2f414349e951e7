"""What is NEW, CHANGED or REMOVED since the user last marked records reviewed.

Compared are the facts (kfor_tui.index.changes.facts_content): the records every list shows and a review
marks. A fact is NEW when it was never marked reviewed, CHANGED when its content's digest differs from the one
it had when marked, and REMOVED when it was marked but the briefings no longer hold it. `since` is the latest
time anything was marked; before the first mark everything is new ("never reviewed: 59 new").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from kfor_tui.dates import MONTHS
from kfor_tui.index.changes import FieldChange, RecordChange, compare, diff_fields, facts_content
from kfor_tui.index.record_content import digest_of
from kfor_tui.io.review_store import ReviewedRecord
from kfor_tui.model import FACT_TYPES, Corpus

__all__ = ["ReviewState", "ReviewedRecord", "field_changes", "review_state", "reviewed_facts", "since_label"]

Mark = Literal["NEW", "CHANGED"]
_FACT_KINDS = frozenset(cls.kind for cls in FACT_TYPES)


@dataclass(frozen=True, slots=True)
class ReviewState:
    """The marks of one corpus against what was reviewed. `removed`: the facts reviewed that the briefings no
    longer hold, described from their reviewed content (change "removed"), in date order."""

    new: frozenset[str]
    changed: frozenset[str]
    removed: tuple[RecordChange, ...]
    since: datetime | None
    reviewed: Mapping[str, ReviewedRecord] = field(default_factory=dict, compare=False, repr=False)

    def mark_of(self, record_id: str) -> Mark | None:
        if record_id in self.new:
            return "NEW"
        if record_id in self.changed:
            return "CHANGED"
        return None

    def counts_text(self, now: datetime | None = None) -> str:
        """'14 new, 3 changed, 1 removed since 1 Dec 10:40'; 'nothing new since 1 Dec 10:40';
        'never reviewed: 59 new'."""
        if self.since is None:
            return f"never reviewed: {len(self.new):,} new"
        counts = [(len(self.new), "new"), (len(self.changed), "changed"), (len(self.removed), "removed")]
        said = ", ".join(f"{count:,} {word}" for count, word in counts if count)
        return f"{said or 'nothing new'} since {since_label(self.since, now)}"

    def since_label(self, now: datetime | None = None) -> str:
        """When the last review was, '1 Dec 10:40'; 'no review yet' before the first."""
        return since_label(self.since, now) if self.since is not None else "no review yet"


def since_label(at: datetime, now: datetime | None = None) -> str:
    """'1 Dec 10:40' in local time; '1 Dec 2024 10:40' when not this year."""
    local = at.astimezone()
    current = (now or datetime.now()).astimezone()
    year = f" {local.year}" if local.year != current.year else ""
    return f"{local.day} {MONTHS[local.month - 1]}{year} {local:%H:%M}"


def review_state(corpus: Corpus, reviewed: Mapping[str, ReviewedRecord]) -> ReviewState:
    """The marks of `corpus`'s facts against `reviewed` (kfor_tui.io.review_store.ReviewStore.reviewed()). With
    nothing reviewed every fact is new, and no content is worked out (a first start costs nothing here)."""
    if not reviewed:
        return ReviewState(frozenset(fact.id for fact in corpus.facts()), frozenset(), (), None, reviewed)
    current = facts_content(corpus)
    new: set[str] = set()
    changed: set[str] = set()
    for ident, content in current.items():
        before = reviewed.get(ident)
        if before is None:
            new.add(ident)
        elif before.digest != digest_of(content):
            changed.add(ident)
    gone = {ident: content for ident, content in reviewed_facts(reviewed).items() if ident not in current}
    removed = tuple(compare(gone, {}, new_corpus=corpus)) if gone else ()
    since = max((record.at for record in reviewed.values()), default=None)
    return ReviewState(frozenset(new), frozenset(changed), removed, since, reviewed)


def reviewed_facts(reviewed: Mapping[str, ReviewedRecord]) -> dict[str, dict[str, object]]:
    """Fact id -> content as reviewed, for the facts among the records reviewed."""
    return {ident: record.content for ident, record in reviewed.items() if record.content.get("type") in _FACT_KINDS}


def field_changes(
    state: ReviewState | Mapping[str, ReviewedRecord], corpus: Corpus, record_id: str
) -> tuple[FieldChange, ...]:
    """A fact's fields as reviewed and as they are now (old, new), for a side-by-side view: a CHANGED fact's
    changed fields, a REMOVED fact's fields as reviewed (new None), a NEW fact's fields now (old None); () for
    a fact unchanged since its review, or unknown to both."""
    reviewed = state.reviewed if isinstance(state, ReviewState) else state
    before = reviewed.get(record_id)
    now = facts_content(corpus).get(record_id)
    if before is not None and now is not None and before.digest == digest_of(now):
        return ()
    return diff_fields(before.content if before is not None else {}, now or {})
