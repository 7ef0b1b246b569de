"""Numbers written as words, in English and Spanish, as trainers write lengths (pure).

"Ninety minutes", "forty-five minutes", "forty five minutes", "noventa minutos", "cuarenta y
cinco minutos", "veinticinco minutos". The contract, on the tokens ``durations.tokens`` makes
(each with ``text``, ``lower``, ``start`` and ``end``):

- ``NUMBER_WORDS`` maps a single word to its value (one to twenty, the tens to ninety, the
  Spanish words for 21-29, which are written as one word).
- ``compound_at(toks, i)`` is ``(value, index_after)`` when a tens word at token i is followed by
  a units word ("forty-five", "forty five", "cuarenta y cinco"), else None. The units word must
  follow the tens word straight away (or after one hyphen, or after Spanish "y"), so "thirty
  or five" and "two and a half" are never read as one number.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "diez": 10, "once": 11,
    "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
}  # fmt: skip
# Spanish writes 21-29 as one word.
_VEINTI = {
    "veintiuno": 21, "veintiún": 21, "veintiuna": 21, "veintidós": 22, "veintidos": 22,
    "veintitrés": 23, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiséis": 26, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {**_UNITS, **_TEENS, **TENS, **_VEINTI}
# Units that may close an English compound ("forty-five"): not "un"/"una", which are Spanish.
_ENGLISH_UNITS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})
_SPANISH_UNITS = frozenset(_UNITS) - _ENGLISH_UNITS


def _glued(toks: Sequence[Any], i: int) -> bool:
    return toks[i].start == toks[i - 1].end


def compound_at(toks: Sequence[Any], i: int) -> tuple[int, int] | None:
    """A tens word and its units ("forty-five", "cuarenta y cinco"): (value, index after) or None."""
    if i + 2 > len(toks) or toks[i].lower not in TENS:
        return None
    tens = TENS[toks[i].lower]
    nxt = toks[i + 1]
    if nxt.lower in _ENGLISH_UNITS:
        return tens + _UNITS[nxt.lower], i + 2  # "forty five"
    if i + 2 >= len(toks):
        return None
    last = toks[i + 2].lower
    if nxt.text == "-" and _glued(toks, i + 1) and _glued(toks, i + 2) and last in _ENGLISH_UNITS:
        return tens + _UNITS[last], i + 3  # "forty-five"
    if nxt.lower == "y" and last in _SPANISH_UNITS and tens > 20:
        return tens + _UNITS[last], i + 3  # "cuarenta y cinco"
    return None
