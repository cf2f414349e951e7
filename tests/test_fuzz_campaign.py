"""A short run of the fuzz campaign (tests/fuzz_campaign.py; `make fuzz` runs 3,000 files): mutated briefings
through check, export and search never raise, never exit outside {0, 1, 2}, never take 10 s."""

from __future__ import annotations

from fuzz_campaign import campaign


def test_a_short_campaign_finds_nothing() -> None:
    result = campaign(files=30, seed=7, subprocess_every=15)
    assert result.runs >= 90
    assert not result.failures, "\n".join(result.failures[:5])
