"""Competency identifiers written in a syllabus ("core-6", "CORE 6") and the text without them (pure)."""

from __future__ import annotations

import re

from app.framework.models import FRAMEWORK_IDS
from app.syllabus.durations import (
    MAX_LINE_CHARS,
    find_duration,
    tokens,
)

# Identifiers are written as a competency framework's id and a number ("core-6").
FRAMEWORK_PREFIXES = tuple(f for f in FRAMEWORK_IDS if f != "exam")
_ANY_PREFIX = re.compile(
    "(?:" + "|".join(re.escape(f) for f in FRAMEWORK_PREFIXES) + r")[\s_-]*[0-9]", re.IGNORECASE
)


def find_ids(text: str) -> list[tuple[str, float | None]]:
    """Competency identifiers written in text ("core-6", "CORE 6", "crisis_3"), with hours after them."""
    if _ANY_PREFIX.search(text, 0, MAX_LINE_CHARS) is None:
        return []  # no framework's name followed by a number: nothing to split into words
    toks = tokens(text)
    found: list[tuple[str, float | None]] = []
    for index, tok in enumerate(toks):
        prefix = tok.lower
        if prefix not in FRAMEWORK_PREFIXES:
            continue
        j = index + 1
        if j < len(toks) and toks[j].text in "-_" and len(toks[j].text) == 1:
            j += 1
        if j >= len(toks) or not toks[j].is_digits or len(toks[j].text) > 2:
            continue
        if j == index + 1 and toks[j].start - tok.end > 1:
            continue
        hours = None
        after = text[toks[j].end : toks[j].end + 24]
        stripped = after.lstrip(" (:=")
        if stripped[:1].isdigit() or stripped[:1] == ".":
            value = find_duration(stripped[:16])
            if value is not None and value.start == 0:
                hours = value.hours
        found.append((f"{prefix}-{int(toks[j].text)}", hours))
    return found


def without_ids(text: str) -> str:
    """Text without bracketed identifier lists ("[core-6, core-7]", "(core-6)")."""
    if "[" not in text and "(" not in text:
        return " ".join(text.split()).strip(" -–—:|,;")
    out, index = [], 0
    while True:
        # Jump from bracket to bracket: the text between is copied as it is.
        opens = [at for at in (text.find("[", index), text.find("(", index)) if at != -1]
        if not opens:
            out.append(text[index:])
            break
        start = min(opens)
        out.append(text[index:start])
        close = text.find("]" if text[start] == "[" else ")", start)
        inner = text[start + 1 : close] if close != -1 else ""
        if close != -1 and inner and find_ids(inner) and only_ids(inner):
            index = close + 1
        else:
            out.append(text[start])
            index = start + 1
    return " ".join("".join(out).split()).strip(" -–—:|,;")


def only_ids(text: str) -> bool:
    words = [t.lower for t in tokens(text) if t.text.isalpha()]
    return all(w in FRAMEWORK_PREFIXES or w in ("h", "hr", "hrs", "hours", "and") for w in words)
