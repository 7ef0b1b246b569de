"""Which "label: duration" fields name a time, and which give the hours of the heading above (pure).

A module heading followed by ``Contact hours: 5`` or ``Tiempo de instrucción: 4 horas`` gives
that heading its hours: the field is the heading's, not a statement of the course's total. Two
signs say so whatever the wording: the label names a length of time in a language the checker
reads, and the same label comes back under the heading's sibling headings (one per module), so
it cannot be the one total of the course.
"""

from __future__ import annotations

from app.syllabus.outline import Node

# Words of a label that name a length of time ("Tiempo de instrucción", "Seat time", "Contact
# hours", "Duración estimada"). Labels are folded (lower case, no accents) before they are read.
TIME_WORDS = frozenset(
    {
        "time", "hours", "hour", "hrs", "minutes", "mins", "duration", "length",
        "tiempo", "horas", "hora", "minutos", "duracion",
    }
)  # fmt: skip

# Words that make a label a time of day or a place to call, not a length: "Office hours",
# "Start time", "Hora de inicio".
NOT_A_LENGTH = frozenset(
    {"office", "start", "starts", "end", "ends", "inicio", "fin", "oficina", "atencion", "check"}
)

# Words that make a label the whole course's: "Total hours", "Course length", "Horas del curso".
WHOLE_COURSE = frozenset(
    {"total", "course", "program", "training", "curso", "programa", "capacitacion"}
)

# A label under this many sibling headings at least is read as each heading's own.
MIN_REPEATS = 2


def names_a_length(key: str) -> bool:
    """True when a folded field label names a length of time ("contact hours", "tiempo de instruccion")."""
    words = set(key.replace("-", " ").replace("/", " ").split())
    return bool(words & TIME_WORDS) and not words & NOT_A_LENGTH


def names_the_course(key: str) -> bool:
    return bool(set(key.split()) & WHOLE_COURSE)


def repeated_under_siblings(node: Node) -> bool:
    """True when the field's label also sits directly under headings beside its own heading."""
    heading = node.parent
    if node.kind != "field" or heading is None or heading.kind != "heading":
        return False
    above = heading.parent
    if above is None:
        return False
    repeats = 0
    for sibling in above.children:
        if sibling.kind != "heading" or sibling.key != heading.key:
            continue
        if any(c.kind == "field" and c.field_key == node.field_key for c in sibling.children):
            repeats += 1
            if repeats >= MIN_REPEATS:
                return True
    return False


def heading_field(node: Node) -> bool:
    """True when a duration field gives the hours of the heading it sits under, not the course's:
    its label names a length, not the course, and the label comes back under sibling headings.
    A "Total:" that comes back under every module heading is each module's total: a course has
    one total, stated once."""
    key = node.field_key
    if not repeated_under_siblings(node):
        return False
    return (names_a_length(key) and not names_the_course(key)) or names_a_sum(key)


# Words of a label that name a sum and nothing else ("Total", "Subtotal", "Total time").
SUM_WORDS = frozenset({"total", "subtotal", "totals", "sum"})


def names_a_sum(key: str) -> bool:
    words = set(key.replace("-", " ").split())
    return bool(words & SUM_WORDS) and words <= SUM_WORDS | TIME_WORDS
