"""Declared totals: where a syllabus states its course's hours, and where a number is another course's (pure)."""

from __future__ import annotations

from app.syllabus.block_hours import (
    bare_hours,
    duration_of,
    holds_parts,
    is_duration_key,
    node_text,
    range_maximum,
    total_field,
)
from app.syllabus.breakdown import breakdown_of
from app.syllabus.durations import (
    NUMBER_WORDS,
    Duration,
    find_duration,
    find_durations,
    tokens,
)
from app.syllabus.kinds import classify
from app.syllabus.model import DeclaredTotal, Module
from app.syllabus.outline import MODULE_RANK, Node, field_pair, fold
from app.syllabus.sentences import prose_sentences as _prose_sentences
from app.syllabus.state import Reading
from app.syllabus.vocabulary_kinds import (
    NOT_COUNTED_PHRASES,
)

TOLERANCE = 0.01


TOTAL_WORDS = frozenset(
    {"total", "totals", "totaling", "totalling", "overall", "altogether", "duracion", "entire"}
)


TOTAL_OPENINGS = frozenset(
    {"duration", "length", "duracion", "hours", "horas", "total", "program", "course", "training"}
)


COURSE_NOUNS = frozenset(
    {
        "training",
        "course",
        "program",
        "programme",
        "curriculum",
        "agenda",  # "This agenda is built to deliver 40 hours of instruction": the course's
        "syllabus",
        "certification",
        "academy",
        "capacitacion",
        "curso",
        "programa",
        "entrenamiento",
        "refresher",
        "specialization",
        "especializacion",
        "repaso",
    }
)


# Words that bind a number into the sentence around it: a title never puts one before its hours.
SENTENCE_GLUE = frozenset({"and", "or", "the", "all", "than", "show", "shows", "earn", "earns"})


def mentions_total(node: Node, value: Duration) -> bool:
    """True when the line speaks of the whole course's hours ("Total: 80 hours", "Course length: 6 hours")."""
    words = [fold(t.text) for t in tokens(node_text(node)) if t.text.isalpha()]
    if value.course_total:
        # "… who need the 40-hour refresher for reinstatement": a rule's course, not this one.
        return node.kind != "para" or not OTHER_COURSE_WORDS & set(words)
    if not words:
        return False
    if node.label and node.frame_rank == MODULE_RANK:
        return False  # "Module 5: Total wellness (2 hours)" is a module
    if TOTAL_WORDS & set(words) or names_a_range_of_parts(node_text(node)):
        return True
    if node.kind == "field" and (is_duration_key(node.field_key) or "total" in node.field_key):
        return True
    if words[0] in ("duration", "duracion", "length", "total"):
        return True
    return words[0] in TOTAL_OPENINGS and words[1:2] in (
        ["length"],
        ["duration"],
        ["hours"],
        ["horas"],
    )


# Parts named in the plural before a range of their identifiers: "Sessions R1–R14", "Modules 1-17".
PLURAL_PARTS = frozenset(
    {"sessions", "modules", "units", "days", "weeks", "parts", "sesiones", "modulos", "dias"}
)
RANGE_DASHES = ("-", "–", "—")


def names_a_range_of_parts(text: str) -> bool:
    """ "Sessions R1–R14 …… 40.0 hours": the line sums a range of the course's parts."""
    toks = tokens(text)[:8]
    for index, token in enumerate(toks[:-2]):
        if fold(token.text) not in PLURAL_PARTS:
            continue
        rest = toks[index + 1 : index + 6]
        dashes = [i for i, t in enumerate(rest) if t.text in RANGE_DASHES or t.lower == "to"]
        digits_before = any(t.is_digits for t in rest[: dashes[0]]) if dashes else False
        digits_after = any(t.is_digits for t in rest[dashes[0] + 1 :]) if dashes else False
        return digits_before and digits_after
    return False


def at_edge(text: str, value: Duration) -> bool:
    """A duration placed as a title's is: at the start or end, in brackets, or after a dash or colon."""
    before = text[: value.start].rstrip(" *_")
    after = text[value.end :].strip(" *_.")
    if before.split()[-1:] and fold(before.split()[-1]) in SENTENCE_GLUE:
        return False  # "Certificates show the title and 6 direct instruction hours."
    if not before.strip(" -–—:|(•") or not after.strip(" )]-–—|.,;"):
        return True
    if before.endswith(("(", "[")) and after.startswith((")", "]")):
        rest = after[1:].strip()
        return not rest or rest[0] in "—–-:|;." or len(rest.split()) <= 2
    return before.endswith(("-", "–", "—", ":", "|", ",")) and len(after) <= 3


def several_sentences(node: Node) -> bool:
    """A paragraph of prose: its sentences, not its line, say what its durations are."""
    return node.kind == "para" and len(_prose_sentences(node.text)) > 1


def read_prose(node: Node, value: Duration, outside: bool, reading: Reading) -> None:
    """A paragraph's durations belong to its sentences: a sentence about the course states its total.

    Outside every session any such sentence does; inside one only a sentence whose hours exceed
    the session's own ("Earn 3 CE hours" under a one-hour session of a text copied from a PDF).
    "Total Hours: 40" or "CE hours: 5.5" inside a sentence states the total as its field would.
    """
    enclosing = enclosing_hours(node)
    for sentence in _prose_sentences(node.text):
        inline = inline_total(sentence)
        for found in (*find_durations(sentence), *inline):
            if found in inline:
                reading.totals.append(
                    DeclaredTotal(found.hours, sentence[:160], node.line, "statement")
                )
                return
            if found.clock or not speaks_of_course(sentence, found):
                continue
            if outside or enclosing is None or found.hours > enclosing + TOLERANCE:
                source = "header" if outside else "statement"
                reading.totals.append(
                    DeclaredTotal(
                        found.hours, sentence[:160], node.line, source, range_maximum(found)
                    )
                )
                return
    reading.notes.append(
        (node.line, f"“{value.text}” is part of a sentence, not a session's length.")
    )


def read_inline_totals(node: Node, reading: Reading) -> None:
    """ "… in the core training. Total Hours: 40" in a paragraph that has no other duration."""
    for sentence in _prose_sentences(node.text):
        for found in inline_total(sentence):
            reading.totals.append(
                DeclaredTotal(found.hours, sentence[:160], node.line, "statement")
            )
            return


def inline_total(sentence: str) -> tuple[Duration, ...]:
    """ "Total Hours: 40" or "**CE hours: 5.5**" as a sentence of its own: the course's total."""
    stripped = sentence.replace("*", "").replace("_", " ").strip()
    pair = field_pair(stripped)
    if pair is None:
        return ()
    probe = Node("field", pair[1], 0, field_key=pair[0])
    if not total_field(probe):
        return ()
    found = find_duration(pair[1])
    if found is None and (bare := bare_hours(pair[1])) is not None:
        found = bare
    return (found,) if found is not None else ()


def names_course(heading: Node) -> bool:
    """An unlabelled heading over timed parts, or one that names the course ("… Core Training")."""
    words = {fold(t.text) for t in tokens(heading.text) if t.text.isalpha()}
    return bool(words & COURSE_NOUNS) or holds_parts(heading)


def enclosing_hours(node: Node) -> float | None:
    """The hours of the nearest part above ``node`` that states a duration of its own."""
    for ancestor in node.ancestors():
        if ancestor.kind == "heading" and not ancestor.label and names_course(ancestor):
            continue  # "CORE TRAINING - 80 HOURS" over its sessions: the course, not a session
        if ancestor.kind in ("heading", "item", "row"):
            found = duration_of(ancestor)
            if found is not None:
                return found.hours
    return None


# "attend all 80 hours", "toward the 40 hours": the hours everyone already knows, the course's.
DEFINITE_WORDS = frozenset({"the", "all", "full", "las", "los", "todas"})


# "Earn 3 CE hours", "6 contact hours": what the course is worth.
CREDIT_WORDS = frozenset({"ce", "ceu", "ceus", "contact", "credit", "credits"})


# "builds on the 80-hour core", "Requisito previo: … de 80 horas": another course's length.
# "who need the 40-hour refresher", "meets the six-hour law and ethics requirement": a rule's
# hours, not this course's.
OTHER_COURSE_WORDS = frozenset(
    {
        "prerequisite",
        "prerequisites",
        "builds",
        "build",
        "completed",
        "requisito",
        "requisitos",
        "previo",
        "need",
        "needs",
        "necesitan",
        "necesita",
        "requirement",
        "requirements",
        "meets",
        "cumple",
    }
)


# "have finished", "han completado": what a participant did before this course began.
PERFECT_AUXILIARIES = frozenset({"have", "has", "had", "han", "haber", "hayan", "haya"})


DONE_VERBS = frozenset(
    {"completed", "finished", "taken", "passed", "attended", "completado", "terminado", "tomado"}
)


PERIOD_WORDS = frozenset({"year", "years", "month", "months", "cycle", "period", "ano", "anos"})


# What a certificate of completion states is the course's hours.
CERTIFICATE_WORDS = frozenset({"certificate", "certificates", "certificado", "certificados"})


# "may miss no more than 4 contact hours": an attendance limit, not a length.
ABSENCE_WORDS = frozenset({"miss", "missed", "misses", "absent", "absence", "absences", "faltar"})


def speaks_of_course(text: str, value: Duration) -> bool:
    """A sentence about the course's length ("The training is 80 hours"), not about one part of it."""
    before = text[: value.start].split()
    if before[-2:-1] and fold(before[-2]) in TOTAL_WORDS and fold(before[-1]) == "of":
        return True  # "a total of 40 hours"
    if before and (
        before[-1].isdigit()
        or NUMBER_WORDS.get(fold(before[-1]), 1) > 1
        or fold(before[-1]) in ("of", "each", "per")
    ):
        return False  # "17 two-hour webinars", "seventeen two-hour webinars": each of several parts
    context = {fold(t.text) for t in tokens(text) if t.text.isalpha()}
    if context & ABSENCE_WORDS:
        return False
    if breakdown_of(text, value):
        return True  # "Instruction: 80 hours (30 asynchronous + 50 live)": a whole and its parts
    if context & {"every", "cada"} and context & PERIOD_WORDS:
        return False  # "need 20 hours of continuing education every two years": the renewal rule
    stated = {fold(t.text) for t in tokens(value.text) if t.text.isalpha()}
    following = fold(text[value.end : value.end + 40]).split()
    credit_after = following[:1] == ["of"] and bool(
        set(following[1:4]) & (CREDIT_WORDS | {"continuing"})
    )
    if stated & CREDIT_WORDS or credit_after:
        return True  # "Earn 3 CE hours", "two (2) hours of continuing education credit"
    if context & OTHER_COURSE_WORDS or (context & PERFECT_AUXILIARIES and context & DONE_VERBS):
        return False  # "must have finished the 80-hour core": a course done before this one
    if context & CERTIFICATE_WORDS:
        return True  # "Certificates of completion show 6 direct instruction hours"
    if classify(text) != "instruction":
        return False  # "about 46 hours of homework"
    plural = value.text.rstrip(" .").lower().endswith(("hours", "horas"))
    if before and fold(before[-1].strip("(")) in DEFINITE_WORDS and plural:
        return True
    negated = any(phrase in fold(text) for phrase in NOT_COUNTED_PHRASES)
    return not negated and (bool(context & COURSE_NOUNS) or bool(context & TOTAL_WORDS))


def names_the_course(module: Module) -> bool:
    """True when the session's line speaks of the course ("… Core Training (80 hours)")."""
    return module.duration is not None and speaks_of_course(module.title_line, module.duration)


def leading_totals(modules: list[Module], reading: Reading) -> None:
    """An unlabelled line at the top whose hours cover everything after it states the total.

    Plain text and PDFs lose the outline: "Core Training (80 hours)" under the provider's name
    looks like any other line, but it is the parent of the sessions that follow it.
    """
    while modules:
        first = modules[0]
        rest = [m for m in modules[1:] if m.kind == "instruction" and m.hours is not None]
        if first.labelled or first.from_clock or first.hours is None or len(rest) < 2:
            return
        if first.day is not None:
            return  # a line inside a day or a week is a part of it, never the course
        if first.hours + TOLERANCE < sum(
            m.hours or 0.0 for m in rest
        ) * 0.9 and not names_the_course(first):
            return
        if first.hours + TOLERANCE < max(m.hours or 0.0 for m in rest):
            return
        reading.totals.append(
            DeclaredTotal(first.hours, first.title[:160], first.line, "title", first.hours_max)
        )
        modules.pop(0)
