"""Hours written with the kind of teaching after them: "3 h lectivas", "2 h de práctica" (pure).

Spanish and college outlines split a session's hours by kind: "(3 h lectivas + 1 h de práctica)",
"2 h lecture + 1 h lab". A lone "h" is read as hours only when it is glued to its number or
closes the phrase, because "2 h of reading" is not a length of teaching; this module names the
words that make a spaced "h" a unit all the same. The contract:

- ``kind_follows(words)`` is True when ``words`` (the lower-case words right after the "h")
  name a kind of teaching hour: "lectivas", "lecture", "teóricas", "presenciales", "de
  práctica", "of practice", "lab".
- ``PRACTICE_WORDS`` are the kinds that are practice rather than classroom teaching. A session
  line is read for its first length, so "(3 h lectivas + 1 h de práctica)" gives the session its
  3 lecture hours and the practice hours after the "+" are not added to it.
"""

from __future__ import annotations

from collections.abc import Sequence

# Kinds of classroom teaching: "3 h lectivas", "2 h lecture", "4 h presenciales".
LECTURE_WORDS = frozenset(
    {
        "lectivas", "lectiva", "lecture", "lectures", "teóricas", "teoricas", "teórica",
        "teorica", "theory", "presenciales", "presencial", "classroom", "aula",
    }
)  # fmt: skip
PRACTICE_WORDS = frozenset(
    {
        "práctica", "practica", "prácticas", "practicas", "practice", "lab", "labs",
        "laboratorio", "laboratory", "practicum", "fieldwork",
    }
)  # fmt: skip
_OF = frozenset({"de", "of"})


def kind_follows(words: Sequence[str]) -> bool:
    """True when the words after a spaced "h" name a kind of teaching hour."""
    if not words:
        return False
    first = words[0]
    if first in LECTURE_WORDS or first in PRACTICE_WORDS:
        return True
    return first in _OF and len(words) > 1 and words[1] in PRACTICE_WORDS
