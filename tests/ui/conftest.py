from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
MINIMAL = DATA / "minimal.toml"


@pytest.fixture
def minimal() -> Path:
    return MINIMAL
