"""Competencies a syllabus names: by identifier, by number, or by title, short name or alias (pure).

"Competencies covered: Trauma-informed care; boundaries & ethics", "Aligns with: CC 6, Competency #11",
"core-15 (4h)", "Competencias: Atención informada sobre el trauma". Names are matched as whole words
on folded text (case, accents, plurals and punctuation ignored), longest name first, in one pass over
the words; a number is read in the framework of the program being checked and never from a list's
position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.framework.models import FRAMEWORK_IDS, Catalog
from app.syllabus.outline import fold

NUMBER_WORDS = frozenset(
    {"cc", "competency", "competencies", "competencia", "competencias", "standard", "no", "number"}
)
PREFIXES = tuple(f for f in FRAMEWORK_IDS if f != "exam")
SEPARATORS = frozenset(",;/&|+")
MAX_NAME_WORDS = 40


# Dashes and other signs that fold() would drop outright: a space keeps the words on either side
# apart ("3–4" is two numbers, not 34; "recovery—hope" two words).
_SIGNS_APART = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212·•", " "))
# "3–4", "1-3", "5 to 7", "2 a 4": a span of competency numbers, each number inside it named.
_SPAN = re.compile(
    r"\b(\d{1,2})\s*(?:[-\u2010-\u2015\u2212]|\s(?:to|through|a|al)\s)\s*(\d{1,2})\b"
)
MAX_SPAN = 17  # the longest framework has 17 competencies


def fold_apart(text: str) -> str:
    """``text`` folded for comparing words, with dashes and bullets kept as word breaks."""
    return fold(text.translate(_SIGNS_APART))


def words_of(text: str) -> list[str]:
    """Folded words of ``text`` (letters and digits), plurals reduced ("notes" -> "note")."""
    words, current = [], []
    for ch in fold_apart(text):
        if ch.isalnum():
            current.append(ch)
        else:
            if current:
                words.append(_singular("".join(current)))
                current = []
            if ch == "#" or ch in SEPARATORS:
                words.append(ch)
    if current:
        words.append(_singular("".join(current)))
    return words


def _digits(word: str) -> bool:
    return word.isascii() and word.isdigit()


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@dataclass(frozen=True)
class NameMatch:
    """A competency named in a text, and the words that named it."""

    id: str
    words: str


class NameIndex:
    """Every competency's names (title, short name, aliases, Spanish title and terms) by first word."""

    def __init__(self, catalog: Catalog, *, with_terms: bool = False):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for framework in catalog.frameworks.values():
            if framework.kind == "exam":
                continue
            for competency in framework.competencies:
                names = [competency.title]
                terms = catalog.terms.get(competency.id)
                if terms is not None:
                    names.extend(terms.phrases())
                    if with_terms:
                        names.extend(terms.es_terms)
                for name in names:
                    key = tuple(w for w in words_of(name) if w not in SEPARATORS)
                    if key and len(key) <= MAX_NAME_WORDS:
                        self._by_first.setdefault(key[0], []).append((key, competency.id))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def find(self, text: str, framework_ids: tuple[str, ...]) -> list[NameMatch]:
        """Competencies of ``framework_ids`` named in ``text``, longest name first, without overlaps."""
        words = words_of(text)
        found: list[NameMatch] = []
        index = 0
        while index < len(words):
            matched = 0
            for key, identifier in self._by_first.get(words[index], ()):
                if identifier.split("-")[0] not in framework_ids:
                    continue
                if tuple(words[index : index + len(key)]) == key:
                    found.append(NameMatch(identifier, " ".join(key)))
                    matched = len(key)
                    break
            index += matched or 1
        return found


def spans_spelled_out(text: str) -> str:
    """``text`` with each span of numbers written out: "Competencies 3–5" -> "Competencies 3, 4, 5".

    A span must rise and stay within one framework's length; anything else ("9-1", "1-40") is
    left as it is, two numbers side by side.
    """

    def spelled(match: re.Match) -> str:
        first, last = int(match.group(1)), int(match.group(2))
        if not first < last <= first + MAX_SPAN - 1 or last > MAX_SPAN:
            return match.group(0)
        return ", ".join(str(n) for n in range(first, last + 1))

    return _SPAN.sub(spelled, text)


def numbered(text: str, framework_id: str) -> list[str]:
    """Competencies named by number: "CC 6", "Competency #6", "Competencies 1, 4 and 6", "core
    competency 6", "Competencies 3–5"."""
    words = words_of(spans_spelled_out(text))
    found: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        starts = word in NUMBER_WORDS or (word == "#" and index + 1 < len(words))
        if not starts:
            index += 1
            continue
        prefix = framework_id
        if index > 0 and words[index - 1] in PREFIXES:
            prefix = words[index - 1]
        elif word == "cc" and framework_id not in PREFIXES:
            prefix = "core"
        index += 1
        while index < len(words) and (
            _digits(words[index]) or words[index] in ("#", "and", "y", ",", "&", "/")
        ):
            if _digits(words[index]) and len(words[index]) <= 2:
                identifier = f"{prefix}-{int(words[index])}"
                if identifier not in found:
                    found.append(identifier)
            index += 1
    return found


def only_numbers(text: str) -> list[int] | None:
    """The numbers of a value made only of numbers ("1, 4, 6", "#6 and #8", "3–4"), else None."""
    words = words_of(spans_spelled_out(text))
    numbers = [int(w) for w in words if _digits(w) and len(w) <= 2]
    rest = [w for w in words if not _digits(w) and w not in ("#", "and", "y", ",", "&", "/", ";")]
    return numbers if numbers and not rest else None
