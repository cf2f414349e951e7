"""The canonical JSON text of a record's content and its digest: what the review database stores and what a
review compares, the same bytes whichever process or version of Python wrote them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

DIGEST_CHARS = 64  # blake2b with a 32-byte digest, in hex


def canonical_json(content: Mapping[str, object]) -> str:
    """Sorted keys, no spaces, text kept as text (not \\u escapes). Raises TypeError for what JSON cannot hold."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def digest_of(content: Mapping[str, object]) -> str:
    """Hex blake2b (32 bytes) of the canonical JSON of `content`."""
    return hashlib.blake2b(canonical_json(content).encode("utf-8"), digest_size=DIGEST_CHARS // 2).hexdigest()
