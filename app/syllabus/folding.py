"""Words compared as a reader compares them: lower case, without accents (pure)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lowercase without accents, for comparing words."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
