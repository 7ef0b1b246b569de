"""Text folded for matching: lower case without accents, so `recuperacion` finds `recuperación` (pure)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """``text`` in lower case with accents and other combining marks removed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
