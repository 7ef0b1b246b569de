"""A single event stated by its date and time, and a part of it that a sentence says earns no
credit: "Wednesday, April 15, 1:00 to 4:00 p.m." then "The first 30 minutes are for
registration; they earn no credit" (pure).

When nothing else in the syllabus is timed, the event is the one session: its clock range less
the part the syllabus itself sets apart, so a three-hour webinar with half an hour of sign-in
counts two and a half hours, not the three its certificate may claim.
"""

from __future__ import annotations

from app.messages import Message
from app.syllabus.calendar_rows import dated_row
from app.syllabus.doubts import Doubt
from app.syllabus.durations import Duration, find_durations
from app.syllabus.folding import fold
from app.syllabus.model import Module
from app.syllabus.outline import Node
from app.syllabus.sentences import prose_sentences
from app.syllabus.state import Reading
from app.syllabus.totals import TOLERANCE
from app.syllabus.units import make_module
from app.syllabus.vocabulary_kinds import ADMIN_WORDS, BREAK_WORDS, NOT_COUNTED_PHRASES

# Phrases that say a stated part earns no credit, beyond those the kinds of sessions use.
NO_CREDIT = (
    *NOT_COUNTED_PHRASES,
    "no credit", "without credit", "sin credito", "no otorgan credito", "no otorga credito",
    "no dan credito", "no da credito", "no cuentan",
)  # fmt: skip

# Words that place the part at one end of the event ("the first 30 minutes").
AT_AN_END = frozenset({"first", "last", "opening", "final", "primeros", "primeras", "ultimos", "ultimas"})  # fmt: skip


def _event(root: Node) -> tuple[Node, Duration] | None:
    """The one line that dates the event and gives its clock range."""
    found = []
    for node in root.walk():
        if node.kind != "para":
            continue
        values = [v for v in find_durations(node.text) if v.clock]
        if len(values) == 1 and dated_row(node.text, values[0]):
            found.append((node, values[0]))
    return found[0] if len(found) == 1 else None


def _set_apart(text: str) -> float:
    """Hours a sentence sets apart at one end of the event as earning no credit."""
    hours = 0.0
    for sentence in prose_sentences(text):
        words = set(fold(sentence).replace(",", " ").replace(";", " ").split())
        folded = fold(sentence)
        no_credit = any(phrase in folded for phrase in NO_CREDIT)
        if not (words & AT_AN_END) or not (no_credit or words & (ADMIN_WORDS | BREAK_WORDS)):
            continue
        # "the first 30 minutes": without the ordinal, the words read as a length
        plain = " ".join(w for w in sentence.split() if fold(w) not in AT_AN_END)
        hours += sum(v.hours for v in find_durations(plain) if not v.clock)
    return hours


def with_event(root: Node, modules: list[Module], reading: Reading) -> list[Module]:
    """The sessions, with the event as the syllabus's one session when nothing else is timed."""
    event = _event(root)
    if event is None:
        return modules
    node, span = event
    if any(m.kind == "instruction" and m.line != node.line for m in modules):
        return modules
    rest = [m for m in modules if m.line != node.line]
    return [*rest, *_event_session(root, node, span, reading)]


def _event_session(root: Node, node: Node, span: Duration, reading: Reading) -> list[Module]:
    apart = sum(_set_apart(n.text) for n in root.walk() if n.kind == "para" and n is not node)
    if apart >= span.hours:
        return []
    each = round(span.hours - apart, 4)
    module = make_module(
        node, Duration(each, span.text, span.start, span.end, clock=True), reading, set()
    )
    if module.kind == "instruction" and apart:
        module.reason = Message(
            "Counted: %(hours)s h, the event's time “%(text)s” less %(apart)s h that the "
            "syllabus says earn no credit.",
            hours=each,
            text=span.text,
            apart=apart,
        )
        claimed = [t for t in reading.totals if t.hours > each + TOLERANCE]
        if claimed:
            reading.doubts.append(_claim_doubt(node, span, apart, each, claimed[0].hours))
    return [module]


def _claim_doubt(node: Node, span: Duration, apart: float, each: float, claimed: float) -> Doubt:
    """The syllabus claims more hours than the event holds once its uncredited part is set apart:
    never a pass until the provider says which is right."""
    return Doubt(
        "total",
        node.line,
        Message(
            "The event runs “%(text)s”, and the syllabus says %(apart)s h of it earn no credit, "
            "which leaves %(hours)s h; it claims %(claimed)s h. How many hours of instruction "
            "does it give?",
            text=span.text,
            apart=apart,
            hours=each,
            claimed=claimed,
        ),
        Message("The hours claimed are more than the event holds less the part set apart."),
        0.5,
    )
