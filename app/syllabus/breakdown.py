"""A stated length followed by its breakdown: "80 hours (30 asynchronous + 50 live)" (pure).

A number of hours with, in the brackets right after it, two or more numbers that add up to it is
a whole stated with its parts: the whole is what the sentence declares, the parts are not lengths
of their own.
"""

from __future__ import annotations

from app.syllabus.durations import Duration

JOINERS = frozenset({"+", "and", "y", ",", "plus", "más", "mas"})
MAX_BREAKDOWN_CHARS = 160  # the brackets of a breakdown are short; read no further
TOLERANCE = 0.01


def _words(inner: str) -> list[str]:
    """The bracket's words, a decimal comma between digits read as a point ("28,5")."""
    chars = list(inner[:MAX_BREAKDOWN_CHARS])
    for i in range(1, len(chars) - 1):
        if chars[i] == "," and chars[i - 1].isdigit() and chars[i + 1].isdigit():
            chars[i] = "."
    return "".join(chars).replace("+", " + ").replace(",", " , ").replace(";", " , ").split()


def _number(word: str) -> float | None:
    if not word.replace(".", "", 1).isdigit():
        return None
    return float(word)


def breakdown_of(text: str, value: Duration) -> tuple[float, ...]:
    """The parts in the brackets right after ``value`` when they add up to it, else ()."""
    after = text[value.end :].lstrip()
    if not after.startswith("("):
        return ()
    close = after.find(")")
    if close < 0:
        return ()
    parts: list[float] = []
    joined = False
    for word in _words(after[1:close]):
        number = _number(word)
        if number is not None and (not parts or joined):
            parts.append(number)
            joined = False
        elif word.lower() in JOINERS and parts:
            joined = True
    if len(parts) < 2 or abs(sum(parts) - value.hours) > TOLERANCE:
        return ()
    return tuple(parts)
