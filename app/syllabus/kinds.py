"""Set-aside classification: breaks, admin, homework, practicum and exams are not instruction (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from app.messages import Message
from app.syllabus.block_hours import node_text
from app.syllabus.durations import (
    MAX_LINE_CHARS,
    find_duration,
    tokens,
)
from app.syllabus.outline import Node, fold
from app.syllabus.sentences import prose_sentences as _prose_sentences
from app.syllabus.vocabulary_kinds import (
    ADMIN_WORDS,
    BREAK_WORDS,
    CLOSING_EXAM_QUALIFIERS,
    EXAM_PREPARATION,
    EXAM_QUALIFIERS,
    EXAM_WORDS,
    HOMEWORK_WORDS,
    NOT_COUNTED_PHRASES,
    NOT_PART_HEADINGS,
    PRACTICUM_WORDS,
)

KIND_REASONS = {
    "uncredited": (
        Message("the syllabus itself says these hours are not instruction"),
        "App. C 4.A",
    ),
    "break": (Message("a break or meal: not direct instruction"), "App. C 4.C"),
    "admin": (Message("registration or housekeeping: not direct instruction"), "App. C 4.A"),
    "homework": (Message("homework: reported, not counted as direct instruction"), "App. C 4.A"),
    "practicum": (
        Message("practicum or field work: reported, not counted as direct instruction"),
        "App. C 4.A",
    ),
    "exam": (
        Message("an exam or quiz: reported, not counted as direct instruction"),
        "App. C 4.A",
    ),
}


# Every word and phrase classify() looks for contains one of these: a title without any of them
# is instruction, decided without splitting it into words.
_KIND_STEMS = (
    *BREAK_WORDS,
    *ADMIN_WORDS,
    *HOMEWORK_WORDS,
    *PRACTICUM_WORDS,
    *EXAM_WORDS,
    "sign in",
    "check in",
    "office hours",
    "horario de atencion",
    "evaluacion",
    "evaluation",
    "certificates",
    "paper",
    "assignment",
    "take",
    "field",
    "supervised practice",
    "practica supervisada",
    "knowledge",
    "assessment",
    "test",
)


# One pass over the title for all the stems (literal alternatives, no repetition: linear).
_ANY_STEM = re.compile("|".join(re.escape(stem) for stem in sorted(_KIND_STEMS)))


@lru_cache(maxsize=65_536)
def classify(title: str) -> str:
    """instruction, or the kind of non-instruction a title names (break, homework, practicum, exam…)."""
    if _ANY_STEM.search(fold(title[:MAX_LINE_CHARS])) is None:
        return "instruction"  # no word below can match: most titles are read in this one pass
    words = [fold(t.text) for t in tokens(title)]
    joined = " ".join(words)
    for kind, names in _KIND_TESTS:
        if names(words, joined):
            return kind
    return "instruction"


def _names_break(words: list[str], joined: str) -> bool:
    for index, word in enumerate(words):
        following = words[index + 1 : index + 3]
        if word not in BREAK_WORDS:
            continue
        if word == "break" and following[:2] in (["-", "out"], ["out"]):
            continue  # "Break-out groups"
        if word == "lunch" and following[:2] in (["and", "learn"], ["&", "learn"]):
            continue  # "Lunch and learn"
        return True
    return False


ADMIN_PHRASES = ("office hours", "horario de atencion", "course evaluation", "evaluacion del curso")


def _names_admin(words: list[str], joined: str) -> bool:
    # "Graduation ceremony", "Welcome and registration": named at the head of the title, not in
    # its topic ("Capstone: a family's journey from first call to graduation").
    opening = " ".join(w for w in words[:4] if w not in (":", "-", "—", "–"))
    heading_words = [w for w in words if w.isalpha()][:3]
    if ADMIN_WORDS & set(heading_words) or opening.startswith(("sign in", "check in")):
        return True
    return (
        any(p in joined for p in ADMIN_PHRASES)
        or words[-1:] == ["evaluacion"]
        or "certificates" in words
    )


def _names_word_or_phrase(
    kind_words: frozenset[str], phrases: tuple[str, ...]
) -> Callable[[list[str], str], bool]:
    """The test of a kind named by any one of its words or by a phrase anywhere in the title."""

    def names(words: list[str], joined: str) -> bool:
        return bool(kind_words & set(words)) or any(p in joined for p in phrases)

    return names


HOMEWORK_PHRASES = (
    "reflection paper",
    "final paper",
    "written assignment",
    "take - home",
    "reading assignment",
)


PRACTICUM_PHRASES = (
    "field placement",
    "supervised practice",
    "field experience",
    "practica supervisada",
)


EXAM_PHRASES = (
    "knowledge check",
    "final assessment",
    "knowledge assessment",
    "examen final",
    "evaluacion final",
    "final exam",
    "post - test",
    "pre - test",
)


def _names_exam(words: list[str], joined: str) -> bool:
    content = [w for w in words if w.isalpha() and w not in ("module", "session", "part", "day")]
    head = content[:3]
    for index, word in enumerate(head):
        if word in EXAM_WORDS and all(w in EXAM_QUALIFIERS for w in head[:index]):
            following = words[words.index(word) + 1 : words.index(word) + 3]
            if following[:1] == ["-"] or (following[:1] and following[0] in EXAM_PREPARATION):
                continue  # "Exam prep", "Exam readiness: test-taking strategies"
            return True
    if any(p in joined for p in EXAM_PHRASES):
        return True
    # "Review and Practice Exam" ends with its exam.
    return (
        len(content) >= 2 and content[-1] in EXAM_WORDS and content[-2] in CLOSING_EXAM_QUALIFIERS
    )


# In this order: "Lunch and exam review" is a break, "Practicum exam" a practicum.
_KIND_TESTS = (
    ("break", _names_break),
    ("admin", _names_admin),
    ("homework", _names_word_or_phrase(HOMEWORK_WORDS, HOMEWORK_PHRASES)),
    ("practicum", _names_word_or_phrase(PRACTICUM_WORDS, PRACTICUM_PHRASES)),
    ("exam", _names_exam),
)


TASK_VERBS = frozenset({"complete", "take", "finish", "submit", "pass", "completa", "realiza"})


def task_of(node: Node) -> str | None:
    """exam or homework when a week's or day's whole body is prose telling the reader to do one."""
    body = [child for child in node.children if child.kind != "field"]
    if not body or any(child.kind != "para" or find_duration(child.text) for child in body):
        return None
    first = _prose_sentences(body[0].text)[0] if body[0].text.strip() else ""
    words = [fold(t.text) for t in tokens(first) if t.text.isalpha()]
    if not words or words[0] not in TASK_VERBS:
        return None
    if EXAM_WORDS & set(words):
        return "exam"
    if HOMEWORK_WORDS & set(words):
        return "homework"
    return None


def says_not_counted(node: Node) -> bool:
    """True when the part's own line or a sentence directly under it says its hours do not count
    (or its row's "Counts toward hours" cell says no)."""
    if node.counted is False:
        return True
    texts = [node_text(node)]
    texts += [
        c.text
        for c in node.children
        if c.kind in ("para", "field")
        and (c.kind == "field" or find_duration(c.text) is None)
        and not _about_breaks(c.text)
    ]
    folded = [fold(text) for text in texts]
    return any(phrase in text for text in folded for phrase in NOT_COUNTED_PHRASES)


def _about_breaks(text: str) -> bool:
    """True when a sentence names breaks or meals ("Los recesos y el almuerzo no se cuentan"):
    it says those do not count, not the part above it."""
    words = {fold(t.text) for t in tokens(text) if t.text.isalpha()}
    return any(word in BREAK_WORDS or word.removesuffix("s") in BREAK_WORDS for word in words)


def under_not_counted(node: Node) -> bool:
    """True when the nearest heading above the part says what it holds does not count
    ("## Activities that do not count as instruction" over "- Registration (1 hour)")."""
    heading = next((a for a in node.ancestors() if a.kind == "heading"), None)
    if heading is None or node.kind == "heading":
        return False
    text = fold(node_text(heading))
    return any(phrase in text for phrase in (*NOT_COUNTED_PHRASES, *NOT_PART_HEADINGS))
