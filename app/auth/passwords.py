"""Password rules (pure): length, and no common or guessable password.

Guessability is estimated offline with zxcvbn (Dropbox's estimator, Python port): it carries the
30,000 most common passwords from public breaches plus English words, names and surnames, and
finds the patterns a fixed list misses (repeats such as ``aaaaaaaaaaaa`` or
``passwordpassword``, sequences such as ``123456789012``, keyboard walks, dates, l33t spellings)
and the person's own name and address. No breached-password service is asked: the app runs
without internet access. A password must reach score 3 of 4 ("safely unguessable: moderate
protection from offline slow-hash scenario"). Only the first 72 characters are scored, which
bounds the time an estimate takes; longer passwords are judged on that prefix.
"""

from __future__ import annotations

from collections.abc import Iterable

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 200
MIN_SCORE = 3
_SCORED_PREFIX = 72


def password_problem(password: str, user_inputs: Iterable[str] = ()) -> str | None:
    """Why ``password`` is refused, in plain words, or None when it is acceptable."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return f"Use a password of at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use a password of at most {MAX_LENGTH} characters."
    inputs = [part for text in user_inputs for part in _parts(text)]
    result = zxcvbn(password[:_SCORED_PREFIX], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result.get("feedback") or {}
    reason = feedback.get("warning") or "This password is too easy to guess."
    hint = " ".join(feedback.get("suggestions") or [])
    return f"Choose a harder password: {reason.rstrip('.')}. {hint}".strip()


def _parts(text: str) -> list[str]:
    """The whole input and its pieces (an address gives its local part and domain words)."""
    text = (text or "").strip().lower()
    if not text:
        return []
    pieces = {text}
    for separator in ("@", ".", " ", "-", "_"):
        pieces |= {p for chunk in list(pieces) for p in chunk.split(separator) if len(p) >= 3}
    return sorted(pieces)
