"""Readings the reader keeps but is unsure of, put to the provider as questions (pure).

Each question keeps the reader's choice and names the correction that would settle it the other
way: a title with an exam word in another sense ("Quiz and test anxiety: study skills"), and a
closing sentence that is the only statement of the course's total.
"""

from __future__ import annotations

import re

from app.messages import Message
from app.syllabus.doubts import Correction, Doubt
from app.syllabus.durations import MAX_LINE_CHARS, identifier_hours
from app.syllabus.folding import fold
from app.syllabus.model import DeclaredTotal, Module
from app.syllabus.outline import Node
from app.syllabus.vocabulary_kinds import EXAM_PREPARATION, EXAM_WORDS

_EXAM_STEM = re.compile(
    "|".join(re.escape(word) for word in sorted(EXAM_WORDS))
)  # words besides the exam words that make a title read as a topic too


def exam_word_doubts(modules: list[Module]) -> list[Doubt]:
    """A session titled with exam, test or quiz that also names a topic, whichever way it was read."""
    doubts = []
    for module in modules:
        if module.kind not in ("exam", "instruction") or module.hours is None:
            continue
        if _EXAM_STEM.search(fold(module.title)) is None:
            continue  # no exam, test or quiz in the title: nothing to ask
        words = [w for w in _words(module.title) if w not in ("module", "session", "part", "day")]
        if _reads_both_ways(module.kind, words):
            doubts.append(_exam_doubt(module))
    return doubts


def _reads_both_ways(kind: str, words: list[str]) -> bool:
    """An exam title that also speaks of preparing for one ("Quiz and test anxiety: study
    skills"), or a title read as teaching that opens with an exam word and no preparation word.

    A title that ends with its exam ("Review and Practice Exam") or opens with it ("Final exam on
    the last Thursday") is not asked about, nor one that names the exam as a topic at its end
    ("… Interviews and the Certification Exam")."""
    preparing = bool(EXAM_PREPARATION & set(words))
    if kind == "exam":
        return preparing and bool(words) and words[-1] not in EXAM_WORDS
    return not preparing and bool(EXAM_WORDS & set(words[:2]))


def _exam_doubt(module: Module) -> Doubt:
    as_exam = module.kind == "exam"
    chosen = "an exam, not counted" if as_exam else "teaching, counted"
    return Doubt(
        kind="exam_word",
        line=module.line,
        question=Message(
            "Is “%(title)s” an exam or quiz (not counted), or teaching (counted)?",
            title=module.title,
        ),
        grounds=f"its title has an exam word and other words besides; read as {chosen}.",
        confidence=0.7,
        alternatives=(Correction(module.line, "counted", as_exam),),
    )


def closing_total_doubts(modules: list[Module], totals: list[DeclaredTotal]) -> list[Doubt]:
    """The only statement of the total, made after the last session: about the course, or its part?"""
    if len(totals) != 1 or totals[0].source != "statement" or totals[0].line is None:
        return []
    sessions = [m for m in modules if m.kind != "frame"]
    if not sessions or totals[0].line < max(m.line for m in sessions):
        return []
    total = totals[0]
    return [
        Doubt(
            kind="closing_statement",
            line=total.line,
            question=Message(
                "Does “%(text)s” state the whole course's hours?", text=total.text[:80]
            ),
            grounds="it is the only statement of a total and comes after the last session; read as the course's total.",
            confidence=0.8,
            alternatives=(Correction(total.line, "total", False),),
        )
    ]


def _words(text: str) -> list[str]:
    return [w for w in fold(text).replace("-", " ").replace(":", " ").split() if w.isalpha()]


def identifier_doubts(root: Node) -> list[Doubt]:
    """Blocks where a number glued to a code or a room ("ETH-310 hours") was not read as hours."""
    doubts = []
    for node in root.walk():
        head = node.text[:MAX_LINE_CHARS]  # as far as a line is read for durations
        if node.kind == "root" or not any(digit in head for digit in "0123456789"):
            continue
        for hours, words in identifier_hours(head):
            doubts.append(
                Doubt(
                    kind="identifier",
                    line=node.line,
                    question=Message(
                        "Is the number in “%(words)s” part of a code or a room, or %(hours)s hours?",
                        words=words,
                        hours=hours,
                    ),
                    grounds="the number is joined to a course code or follows a room word; read as part of an identifier, not as hours.",
                    confidence=0.85,
                    alternatives=(Correction(node.line, "hours", hours),),
                )
            )
    return doubts
