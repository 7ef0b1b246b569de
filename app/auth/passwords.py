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

from app.auth.password_feedback import suggestions, warning
from app.messages import Message

MIN_LENGTH = 12
MAX_LENGTH = 200
MIN_SCORE = 3
_SCORED_PREFIX = 72


def password_problem(password: str, user_inputs: Iterable[str] = ()) -> str | None:
    """Why ``password`` is refused, in plain words, or None when it is acceptable."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return Message("Use a password of at least %(count)s characters.", count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return Message("Use a password of at most %(count)s characters.", count=MAX_LENGTH)
    if _built_on_denied(password):
        return Message(
            "Choose a harder password: this one is built on a published or very common phrase "
            "(such as the demo password, a well-known example or the name of this service)."
        )
    inputs = [part for text in user_inputs for part in _parts(text)]
    result = zxcvbn(password[:_SCORED_PREFIX], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result.get("feedback") or {}
    # zxcvbn's feedback is a fixed set of English sentences, listed for the catalogue.
    reason = warning(feedback.get("warning")) or Message("this password is too easy to guess")
    hint = suggestions(feedback.get("suggestions") or [])
    if hint:
        return Message("Choose a harder password: %(reason)s. %(hint)s", reason=reason, hint=hint)
    return Message("Choose a harder password: %(reason)s.", reason=reason)


# Phrases zxcvbn scores as strong but an attacker tries first: the demo password this project
# publishes (README, app/auth/demo.py), the best-known example of a "strong" passphrase, the
# service's and the program's own names, and common phrases and keyboard rows zxcvbn misses
# once they are joined with punctuation and digits. Compared letters only, after undoing the
# usual digit-for-letter swaps.
DENIED_PHRASES = (
    "demo password",
    "correct horse battery staple",
    "curriculum mapper",
    "peer support specialist",
    "peer support",
    "medi cal",
    "calmhsa",
    "password",
    "letmein",
    "iloveyou",
    "changeme",
    "welcome",
    "trustno",
    "opensesame",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "qwerty",
    "asdf",
    "administrator",
    "admin",
)
_LEET = str.maketrans("013457@$!", "oleastasi")
# What must be left, in letters, once the denied phrases are taken out.
_MIN_OWN_LETTERS = 6


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower().translate(_LEET) if "a" <= ch <= "z")


def _built_on_denied(password: str) -> bool:
    """True when the password is little more than denied phrases with digits and punctuation."""
    rest = _letters(password)
    for phrase in sorted((_letters(p) for p in DENIED_PHRASES), key=len, reverse=True):
        rest = rest.replace(phrase, "")
    return len(rest) < _MIN_OWN_LETTERS and len(_letters(password)) > len(rest)


def _parts(text: str) -> list[str]:
    """The whole input and its pieces (an address gives its local part and domain words)."""
    text = (text or "").strip().lower()
    if not text:
        return []
    pieces = {text}
    for separator in ("@", ".", " ", "-", "_"):
        pieces |= {p for chunk in list(pieces) for p in chunk.split(separator) if len(p) >= 3}
    return sorted(pieces)
