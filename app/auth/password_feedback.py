"""zxcvbn's feedback sentences, marked for the catalogue (pure).

zxcvbn (app/auth/passwords.py) explains a weak password with a fixed set of English sentences: a
warning (what makes it guessable) and suggestions. They are listed here once, so
``make translations`` puts them in the catalogue and a page shows the translated one; a sentence
a later zxcvbn adds is not listed and passes through in English (tests/auth/test_password_feedback.py
compares this list with the installed zxcvbn). Warnings are listed without their full stop: the
refusal's own sentence ends it.
"""

from __future__ import annotations

from app.messages import joined, term


def N_(text: str) -> str:
    """Mark ``text`` for extraction without translating it here."""
    return text


WARNINGS = (
    N_("Straight rows of keys are easy to guess"),
    N_("Short keyboard patterns are easy to guess"),
    N_('Repeats like "aaa" are easy to guess'),
    N_('Repeats like "abcabcabc" are only slightly harder to guess than "abc"'),
    N_('Sequences like "abc" or "6543" are easy to guess'),
    N_("Recent years are easy to guess"),
    N_("Dates are often easy to guess"),
    N_("This is a top-10 common password"),
    N_("This is a top-100 common password"),
    N_("This is a very common password"),
    N_("This is similar to a commonly used password"),
    N_("A word by itself is easy to guess"),
    N_("Names and surnames by themselves are easy to guess"),
    N_("Common names and surnames are easy to guess"),
)
SUGGESTIONS = (
    N_("Use a few words, avoid common phrases."),
    N_("No need for symbols, digits, or uppercase letters."),
    N_("Add another word or two. Uncommon words are better."),
    N_("Use a longer keyboard pattern with more turns."),
    N_("Avoid repeated words and characters."),
    N_("Avoid sequences."),
    N_("Avoid recent years."),
    N_("Avoid years that are associated with you."),
    N_("Avoid dates and years that are associated with you."),
    N_("Capitalization doesn't help very much."),
    N_("All-uppercase is almost as easy to guess as all-lowercase."),
    N_("Reversed words aren't much harder to guess."),
    N_("Predictable substitutions like '@' instead of 'a' don't help very much."),
)
KNOWN = frozenset(WARNINGS + SUGGESTIONS)


def sentence(text: str) -> str:
    """A listed sentence as a Message (the page translates it); any other text as it is."""
    return term(text) if text in KNOWN else text


def warning(text: str) -> str:
    """zxcvbn's warning without its full stop, translatable when listed ("" when none)."""
    return sentence((text or "").rstrip("."))


def suggestions(texts: list[str]) -> str:
    """zxcvbn's suggestions as one value, each translated at the edge when listed."""
    return joined([sentence(text) for text in texts], " ")
