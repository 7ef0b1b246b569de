"""Which level of the outline holds the sessions, decided from the whole document (pure).

Word styles and Markdown say what a heading is; a bold or capitalised line is only a cue. A
short line set apart by capitals or bold type ("FIRST AID AND CPR (45 MIN)") among lines that
each carry their own hours is one of those lines, not a heading over the rest: a part cannot
last less than the parts it would contain, so when the lines below such a cue add up to more
than its own hours, they are its peers. The reader reads them so and asks.
"""

from __future__ import annotations

from app.messages import Message
from app.syllabus.doubts import Correction, Doubt
from app.syllabus.model import Module
from app.syllabus.outline import Node

TOLERANCE = 0.01
TEXT_CUE_LEVEL = 7  # the outline's level for a heading read from bold or capital letters


def peers_not_parts(node: Node, module: Module, below: float) -> bool:
    """True when ``node``, a heading only by a text cue, lasts less than the timed lines under it."""
    if module.hours is None or below <= module.hours + TOLERANCE:
        return False
    return node.kind == "heading" and node.key[0] >= TEXT_CUE_LEVEL and not node.label


def levels_doubt(module: Module, below: list[Module]) -> Doubt:
    """The question put when a text-cue heading was read as a session beside the lines under it."""
    hours = sum(m.hours or 0.0 for m in below)
    return Doubt(
        kind="levels",
        line=module.line,
        question=Message(
            "Is “%(title)s” a session of its own, or a heading over the %(count)s sessions after "
            "it?",
            title=module.title,
            count=len(below),
        ),
        grounds=(
            f"it is set apart by bold or capital letters, but its {module.hours:g} h are fewer "
            f"than the {hours:g} h of the lines after it; read as a session beside them."
        ),
        confidence=0.75,
        alternatives=(Correction(module.line, "counted", False),),
    )
