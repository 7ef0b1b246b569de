"""Identifiers with digits: course codes, room and suite numbers are names, never hours (pure).

"ETH-310", "PSS 240", "CE-12B", "Room 204", "Suite 300": the digits name a course or a place.
A number glued to capital letters by a hyphen (or written right after them), or following a word
for a place or a code, is read as part of an identifier, so it is never a session's hours or the
course's total.
"""

from __future__ import annotations

from app.syllabus.folding import fold

PLACE_WORDS = frozenset(
    {
        "room", "rm", "suite", "ste", "building", "bldg", "floor", "hall", "sala", "aula",
        "edificio", "piso", "code", "codigo", "zip",
    }
)  # fmt: skip
MAX_CODE_LETTERS = 6
MAX_CODE_DIGITS = 5


def is_code(text: str) -> bool:
    """True when ``text`` is one identifier and nothing else ("ETH-310", "PSS 240", "CE-12B")."""
    letters, rest = _split_letters(text.strip())
    if not 2 <= len(letters) <= MAX_CODE_LETTERS or not letters.isupper():
        return False
    rest = rest.lstrip("-– ")
    digits = rest.rstrip("ABCDEFGHabcdefgh")
    return digits.isdigit() and len(digits) <= MAX_CODE_DIGITS and len(rest) - len(digits) <= 1


def _split_letters(text: str) -> tuple[str, str]:
    index = 0
    while index < len(text) and text[index].isalpha():
        index += 1
    return text[:index], text[index:]


def number_in_identifier(words_before: list[str], glued: str) -> bool:
    """True when a number is part of an identifier: glued to capitals ("ETH-310", "PSS240") or
    after a word naming a place or a code ("Room 204", "Course No. 12").

    ``glued`` is what touches the number on its left without a space ("ETH-", "PSS", "");
    ``words_before`` the words before it, nearest last.
    """
    head = glued.rstrip("-–")
    if len(head) >= 2 and head.isalpha() and head.isupper():
        return True
    if glued or not words_before:
        return False
    return fold(words_before[-1].rstrip(".:#")) in PLACE_WORDS
