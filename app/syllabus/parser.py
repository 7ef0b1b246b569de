"""Syllabus text to sessions, declared totals and competency references, decided by structure (pure).

The text is first turned into one outline (app.syllabus.outline). Then, from the outline:
- a duration in the title, in the header before the first part, or on a line that speaks of the
  total / duration / length of the course is a *declared total*, never a session;
- the sessions are the outermost parts that carry a duration, except frames (a week, a day, a
  morning, a clock range around timed parts) whose parts carry durations: then the parts count and
  the frame does not; hours written on a module's sub-items refine the module, never add to it;
- breaks and meals, registration, homework, practicum and exams are kept with their hours but
  not counted as direct instruction (App. C 4.A, 4.C).
Every unit with a duration carries the reason it was or was not counted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from app.framework.models import FRAMEWORK_IDS
from app.syllabus.asking import closing_total_doubts, exam_word_doubts
from app.syllabus.doubts import Doubt
from app.syllabus.durations import (
    NUMBER_WORDS,
    Duration,
    find_duration,
    find_durations,
    strip_duration,
    tokens,
)
from app.syllabus.errors import SyllabusReadError
from app.syllabus.levels import levels_doubt, peers_not_parts
from app.syllabus.limits import MAX_CHARS, MAX_DECLARED_HOURS, MAX_LINES, MAX_SESSIONS, Budget
from app.syllabus.model import DeclaredTotal, Module, Part, Syllabus
from app.syllabus.outline import MODULE_RANK, Node, build_outline, field_pair, fold, label_of
from app.syllabus.restated import set_aside_restated_tables
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
    PRACTICUM_WORDS,
)

TOLERANCE = 0.01

# Identifiers are written as a competency framework's id and a number ("core-6").
FRAMEWORK_PREFIXES = tuple(f for f in FRAMEWORK_IDS if f != "exam")
REFERENCE_KEYS = (
    "competenc",
    "core competenc",
    "aligns",
    "aligned",
    "alignment",
    "covers",
    "maps to",
    "standards",
    "cc",
)
ASSESSMENT_KEYS = ("assessment", "assessed", "evaluation", "evaluacion", "how assessed")
DURATION_KEYS = (
    "duration",
    "length",
    "time",
    "hours",
    "contact hours",
    "horas",
    "duracion",
    "tiempo",
    "instruction hours",
    "instructional hours",
    "session length",
    "total hours",
    "course length",
    "program length",
    "training length",
)
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
TOP_KEYS = {
    "program",
    "provider",
    "title",
    "course",
    "course title",
    "version",
    "delivery",
    "language",
    "prerequisite",
    "prerequisites",
    "format",
}

KIND_REASONS = {
    "uncredited": ("the syllabus itself says these hours are not instruction", "App. C 4.A"),
    "break": ("a break or meal: not direct instruction", "App. C 4.C"),
    "admin": ("registration or housekeeping: not direct instruction", "App. C 4.A"),
    "homework": ("homework: reported, not counted as direct instruction", "App. C 4.A"),
    "practicum": (
        "practicum or field work: reported, not counted as direct instruction",
        "App. C 4.A",
    ),
    "exam": ("an exam or quiz: reported, not counted as direct instruction", "App. C 4.A"),
}


# --- front matter ----------------------------------------------------------------------------


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: front matter needs neither, and aliases allow billion-laughs."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)


def _load_front_matter(block: str) -> Any:
    # Nested collections are refused before PyYAML recurses into them (deep nesting costs a 500).
    depth = 0
    for ch in block[:20_000]:
        if ch in "[{":
            depth += 1
            if depth > 20:
                raise yaml.YAMLError("the front matter is nested too deeply")
        elif ch in "]}":
            depth = max(0, depth - 1)
    loader = _FrontMatterLoader(block)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _front_matter(lines: list[str]) -> tuple[dict[str, Any], dict[str, int], int]:
    """YAML front matter between --- lines at the top; returns (meta, key lines, first body index)."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or lines[index].strip() != "---":
        return {}, {}, 0
    for end in range(index + 1, min(len(lines), index + 200)):
        if lines[end].strip() in ("---", "..."):
            block = "\n".join(lines[index + 1 : end])
            try:
                data = _load_front_matter(block) if block.strip() else {}
            except (yaml.YAMLError, RecursionError) as error:
                mark = getattr(error, "problem_mark", None)
                line = index + 2 + mark.line if mark else index + 1
                problem = getattr(error, "problem", None) or str(error) or "syntax error"
                raise SyllabusReadError(
                    f"The front matter is not valid YAML ({problem}).", line=line
                ) from None
            if not isinstance(data, dict):
                raise SyllabusReadError(
                    "The front matter must be a list of 'key: value' lines.", line=index + 1
                )
            meta: dict[str, Any] = {}
            key_lines: dict[str, int] = {}
            for key, value in data.items():
                name = str(key).strip().lower().replace(" ", "_").replace("-", "_")
                meta[name] = value
                for offset, raw in enumerate(lines[index + 1 : end]):
                    if raw.strip().lower().startswith(str(key).lower()):
                        key_lines[name] = index + 2 + offset
                        break
            return meta, key_lines, end + 1
    raise SyllabusReadError(
        "The front matter starts with --- but never ends with ---.", line=index + 1
    )


def _front_matter_total(meta: dict[str, Any], key_lines: dict[str, int]) -> DeclaredTotal | None:
    """The total hours of the front matter; SyllabusReadError when it is not a sensible number."""
    for key in ("total_hours", "declared_total_hours", "declared_hours", "hours", "total"):
        if key in meta and meta[key] is not None:
            value, line = meta[key], key_lines.get(key)
            text = str(value)[:200]
            if isinstance(value, int | float) and not isinstance(value, bool):
                hours: float | None = float(value)
            else:
                found = find_duration(text)
                numbers = [t.text for t in tokens(text) if t.is_digits]
                if found is not None:
                    hours = found.hours
                elif len(numbers) == 1 and "e+" not in text.lower() and "e-" not in text.lower():
                    hours = float(numbers[0])  # "80", "about 80"
                else:
                    hours = None
            if hours is None or not math.isfinite(hours):
                raise SyllabusReadError(
                    f"The declared total hours {text[:40]!r} is not a number.", line=line
                )
            if not 0 < hours <= MAX_DECLARED_HOURS:
                raise SyllabusReadError(
                    f"The declared total hours {hours:g} is not between 0 and {MAX_DECLARED_HOURS:g}.",
                    line=line,
                )
            return DeclaredTotal(hours, f"{key}: {text}", line, "front matter")
    return None


def _bare_hours(text: str) -> Duration | None:
    """Hours given as a bare number or range under an hours key ("40 · …", "160-180")."""
    head = text.strip().split(" ")[0] if text.strip() else ""
    low, dash, high = head.partition("-") if "-" in head else head.partition("–")
    first, last = _bare_number(low), _bare_number(high)
    if dash and first is not None and last is not None:
        return Duration(first, head, 0, len(head), maximum=last if last > first else None)
    value = _bare_number(text) or _leading_number(text)
    return None if value is None else Duration(value, text.strip()[:40], 0, len(text))


def _leading_number(text: str) -> float | None:
    """The number a value starts with ("40 · Prerequisite: …"), as hours."""
    head = text.strip().split(" ")[0] if text.strip() else ""
    return _bare_number(head.rstrip(".,;·"))


def _bare_number(text: str) -> float | None:
    """A cell or value that is only a number ("6", "5.5", "2,5", "~3"), as hours."""
    cleaned = text.strip().lstrip("~≈").strip().replace(",", ".")
    if not cleaned or len(cleaned) > 6:
        return None
    if not all(ch.isdigit() or ch == "." for ch in cleaned) or cleaned.count(".") > 1:
        return None
    if cleaned == ".":
        return None
    value = float(cleaned)
    return value if 0 < value <= 200 else None


# --- reading the outline ----------------------------------------------------------------------


def _is_reference_key(key: str) -> bool:
    return any(
        key == k or key.startswith(k + " ") or key.startswith(k) for k in REFERENCE_KEYS
    ) and (
        "competenc" in key
        or key in ("cc", "covers", "standards", "maps to")
        or key.startswith("align")
    )


def _is_duration_key(key: str) -> bool:
    return key in DURATION_KEYS or key.endswith(" length") or key.endswith(" duration")


def _node_text(node: Node) -> str:
    if node.kind == "row":
        return node.cells.get("title", "") or node.text
    return node.text


def _duration_of(node: Node, *, fields: bool = True) -> Duration | None:
    """The node's own duration: from its line, a table cell, or a 'Duration:' field under it."""
    if node.kind == "row":
        if node.cells.get("time") and node.cells.get("end") and "hours" not in node.cells:
            # Start and end in columns of their own: "| 9:00 | 10:30 | Topic |"
            span = f"{node.cells['time']} - {node.cells['end']}"
            found = find_duration(span)
            if found is not None and found.clock:
                return found
        for role in ("hours", "time", "title"):
            cell = node.cells.get(role, "")
            if not cell:
                continue
            found = find_duration(cell)
            if found is not None:
                return found
            if role == "hours" and (bare := _bare_number(cell)) is not None:
                return Duration(bare, cell.strip(), 0, len(cell))
        return None
    values = find_durations(node.text)
    if values:
        clocks = [v for v in values if v.clock]
        if len(clocks) == len(values) and len(values) > 1:
            # "9:00–12:00 and 1:00–4:00": one unit over two clock ranges
            total = sum(v.hours for v in values)
            return Duration(
                total,
                node.text[values[0].start : values[-1].end],
                values[0].start,
                values[-1].end,
                clock=True,
            )
        return values[0]
    if not fields:
        return None
    for child in node.children:
        if child.kind == "para" and (value := _bare_duration_line(child.text)) is not None:
            return value  # "3 hours" on the line under a module title copied from a PDF
        if child.kind == "field" and _is_duration_key(child.field_key) and not _total_field(child):
            found = find_duration(child.text)
            bare = _bare_number(child.text) if found is None else None
            if bare is not None and child.field_key.endswith(("hours", "horas")):
                found = Duration(bare, child.text.strip(), 0, len(child.text))
            if found is not None:
                return found
    return None


def _bare_duration_line(text: str) -> Duration | None:
    """A line that is only a duration ("3 hours", "(90 minutes)"), else None."""
    value = find_duration(text)
    if value is None or strip_duration(text, value).strip(" ()[].:-–—"):
        return None
    return value


def _mentions_total(node: Node, value: Duration) -> bool:
    """True when the line speaks of the whole course's hours ("Total: 80 hours", "Course length: 6 hours")."""
    words = [fold(t.text) for t in tokens(_node_text(node)) if t.text.isalpha()]
    if value.course_total:
        # "… who need the 40-hour refresher for reinstatement": a rule's course, not this one.
        return node.kind != "para" or not OTHER_COURSE_WORDS & set(words)
    if not words:
        return False
    if node.label and node.frame_rank == MODULE_RANK:
        return False  # "Module 5: Total wellness (2 hours)" is a module
    if TOTAL_WORDS & set(words):
        return True
    if node.kind == "field" and (_is_duration_key(node.field_key) or "total" in node.field_key):
        return True
    if words[0] in ("duration", "duracion", "length", "total"):
        return True
    return words[0] in TOTAL_OPENINGS and words[1:2] in (
        ["length"],
        ["duration"],
        ["hours"],
        ["horas"],
    )


# Words that bind a number into the sentence around it: a title never puts one before its hours.
SENTENCE_GLUE = frozenset({"and", "or", "the", "all", "than", "show", "shows", "earn", "earns"})


def _at_edge(text: str, value: Duration) -> bool:
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


@lru_cache(maxsize=65_536)
def classify(title: str) -> str:
    """instruction, or the kind of non-instruction a title names (break, homework, practicum, exam…)."""
    folded = fold(title)
    if not any(stem in folded for stem in _KIND_STEMS):
        return "instruction"  # no word below can match: most titles are read in this one pass
    toks = tokens(title)
    words = [fold(t.text) for t in toks]
    joined = " ".join(words)
    for index, word in enumerate(words):
        nxt = words[index + 1 : index + 3]
        if word in BREAK_WORDS:
            if word == "break" and nxt[:2] in (["-", "out"], ["out"]):
                continue
            if word == "lunch" and nxt[:2] in (["and", "learn"], ["&", "learn"]):
                continue
            return "break"
    opening = " ".join(w for w in words[:4] if w not in (":", "-", "—", "–"))
    # "Graduation ceremony", "Welcome and registration": named at the head of the title, not in
    # its topic ("Capstone: a family's journey from first call to graduation").
    heading_words = [w for w in words if w.isalpha()][:3]
    if ADMIN_WORDS & set(heading_words) or opening.startswith(("sign in", "check in")):
        return "admin"
    admin_phrases = (
        "office hours",
        "horario de atencion",
        "course evaluation",
        "evaluacion del curso",
    )
    if (
        any(p in joined for p in admin_phrases)
        or words[-1:] == ["evaluacion"]
        or "certificates" in words
    ):
        return "admin"
    if any(p in joined for p in ("reflection paper", "final paper", "written assignment")):
        return "homework"
    if HOMEWORK_WORDS & set(words) or "take - home" in joined or "reading assignment" in joined:
        return "homework"
    if (
        PRACTICUM_WORDS & set(words)
        or "field placement" in joined
        or "supervised practice" in joined
    ):
        return "practicum"
    if "field experience" in joined or "practica supervisada" in joined:
        return "practicum"
    content = [w for w in words if w.isalpha() and w not in ("module", "session", "part", "day")]
    head = content[:3]
    for index, word in enumerate(head):
        if word in EXAM_WORDS and all(w in EXAM_QUALIFIERS for w in head[:index]):
            following = words[words.index(word) + 1 : words.index(word) + 3]
            if following[:1] == ["-"] or (following[:1] and following[0] in EXAM_PREPARATION):
                continue  # "Exam prep", "Exam readiness: test-taking strategies"
            return "exam"
    if any(
        p in joined
        for p in (
            "knowledge check",
            "final assessment",
            "knowledge assessment",
            "examen final",
            "evaluacion final",
        )
    ):
        return "exam"
    if len(content) >= 2 and content[-1] in EXAM_WORDS and content[-2] in CLOSING_EXAM_QUALIFIERS:
        return "exam"  # "Review and Practice Exam"
    if "final exam" in joined or "post - test" in joined or "pre - test" in joined:
        return "exam"
    return "instruction"


def _find_ids(text: str) -> list[tuple[str, float | None]]:
    """Competency identifiers written in text ("core-6", "CORE 6", "crisis_3"), with hours after them."""
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


def _without_ids(text: str) -> str:
    """Text without bracketed identifier lists ("[core-6, core-7]", "(core-6)")."""
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
        if close != -1 and inner and _find_ids(inner) and _only_ids(inner):
            index = close + 1
        else:
            out.append(text[start])
            index = start + 1
    return " ".join("".join(out).split()).strip(" -–—:|,;")


def _only_ids(text: str) -> bool:
    words = [t.lower for t in tokens(text) if t.text.isalpha()]
    return all(w in FRAMEWORK_PREFIXES or w in ("h", "hr", "hrs", "hours", "and") for w in words)


@dataclass
class _Reading:
    """What the parser has learned while walking the outline."""

    totals: list[DeclaredTotal] = field(default_factory=list)
    modules: list[Module] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)

    def tick(self) -> None:
        self.budget.session()


def _title_node(root: Node, meta: dict[str, Any]) -> Node | None:
    """The document's title: its first level-1 heading, or an unlabelled first line before the parts."""
    first = next((c for c in root.children if c.kind != "field"), None)
    if first is None:
        return None
    level_one = [c for c in root.children if c.kind == "heading" and c.key[0] == 1]
    if first.kind == "heading" and first.key[0] == 1 and not first.label:
        timed = [h for h in level_one if _duration_of(h, fields=False) is not None]
        if len(timed) <= 1:
            return first
    if (first.kind == "para" or first.key[0] == 7) and not first.label and "title" not in meta:
        value = _duration_of(first, fields=False)
        if value is not None and not _speaks_of_course(_node_text(first), value):
            return None  # "Ethics and boundaries (3 hours)" on the first line is a session
        has_more = len(root.children) > 1 or bool(first.children)
        if has_more and first.key[0] != 1:
            return first
    return None


def _parts_of(
    node: Node, stop: set[int]
) -> tuple[list[Part], list[str], list[str], str, int | None]:
    """The parts (title, bullets, sentences), reference texts, descriptions and assessment under ``node``."""
    parts: list[Part] = []
    references: list[str] = []
    descriptions: list[str] = []
    assessment, assessment_line = "", None
    title = _node_text(node)
    title_value = find_duration(title)
    parts.append(Part(_without_ids(strip_duration(title, title_value)), node.line, None))
    if node.kind == "row":
        if node.cells.get("description"):
            parts.append(Part(node.cells["description"], node.line))
            descriptions.append(node.cells["description"])
        if node.cells.get("refs"):
            references.append(node.cells["refs"])
        if node.cells.get("assessment"):
            assessment, assessment_line = node.cells["assessment"], node.line
    for child in node.walk():
        if child is node or id(child) in stop:
            continue
        if child.kind == "field":
            key = child.field_key
            if _is_reference_key(key):
                references.append(child.text)
                continue
            if any(key.startswith(k) for k in ASSESSMENT_KEYS):
                assessment, assessment_line = child.text, child.line
                continue
            if _is_duration_key(key):
                continue
            text = child.text
        else:
            text = _node_text(child)
        value = _duration_of(child) if child.kind != "field" else None
        cleaned = _without_ids(strip_duration(text, value))
        if cleaned:
            for sentence in _sentences(cleaned):
                parts.append(Part(sentence, child.line, value.hours if value else None))
            descriptions.append(cleaned)
        if child.kind == "row" and child.cells.get("refs"):
            references.append(child.cells["refs"])
    return parts, references, descriptions, assessment, assessment_line


def _several_sentences(node: Node) -> bool:
    """A paragraph of prose: its sentences, not its line, say what its durations are."""
    return node.kind == "para" and len(_prose_sentences(node.text)) > 1


def _sentences(text: str) -> list[str]:
    """Split prose into sentences and semicolon-separated items (by hand, in one pass)."""
    if ";" not in text and ". " not in text and "! " not in text and "? " not in text:
        whole = text.strip(" ;")
        return [whole] if whole else []
    pieces, current = [], []
    for index, ch in enumerate(text):
        current.append(ch)
        end = ch in ";" or (
            ch in ".!?" and index + 1 < len(text) and text[index + 1] == " " and len(current) > 20
        )
        if end:
            piece = "".join(current).strip(" ;")
            if piece:
                pieces.append(piece)
            current = []
    rest = "".join(current).strip(" ;")
    if rest:
        pieces.append(rest)
    return pieces


TITLE_KEYS = frozenset({"title", "session title", "module title", "topic", "titulo", "tema"})
TASK_VERBS = frozenset({"complete", "take", "finish", "submit", "pass", "completa", "realiza"})


def _task_of(node: Node) -> str | None:
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


def _says_not_counted(node: Node) -> bool:
    """True when the part's own line or a sentence directly under it says its hours do not count."""
    texts = [_node_text(node)]
    texts += [
        c.text
        for c in node.children
        if c.kind in ("para", "field") and (c.kind == "field" or find_duration(c.text) is None)
    ]
    folded = [fold(text) for text in texts]
    return any(phrase in text for text in folded for phrase in NOT_COUNTED_PHRASES)


def _make_module(node: Node, value: Duration, reading: _Reading, stop: set[int]) -> Module:
    title_text = _node_text(node)
    in_title = find_duration(title_text) == value
    title = (
        _without_ids(strip_duration(title_text, value if in_title else None)) or title_text.strip()
    )
    module = Module(title=title[:300], line=node.line)
    module.labelled = bool(node.label)
    module.title_line, module.duration = title_text, value
    module.from_row = node.kind == "row"
    module.hours = None if value.implausible else value.hours
    module.hours_text = value.text
    module.hours_max = value.maximum if value.is_range else None
    module.approximate = value.approximate
    module.from_clock = value.clock
    module.kind = classify(title)
    if module.kind == "instruction":
        # "Duration: 3 hrs (homework, completed on your own)" says what the hours are.
        for child in node.children:
            if child.kind == "field" and _is_duration_key(child.field_key):
                module.kind = classify(child.text)
                break
    if module.kind == "instruction" and node.frame_rank < MODULE_RANK:
        # "Week 3: about 2–4 hours" says only when; a body that only tells the reader to
        # "Complete the comprehensive quiz" says what those hours are.
        module.kind = _task_of(node) or module.kind
    if module.kind == "instruction" and _says_not_counted(node):
        module.kind = "uncredited"
    named = next(
        (c.text for c in node.children if c.kind == "field" and c.field_key in TITLE_KEYS), ""
    )
    if named and fold(named) not in fold(module.title):
        module.title = f"{module.title}: {named}"[:300]  # "SESSION R1" / "Title: Recovery …"
    parts, references, descriptions, assessment, assessment_line = _parts_of(node, stop)
    module.parts, module.references, module.description = parts, references, descriptions
    module.assessment, module.assessment_line = assessment, assessment_line
    for text in [title_text, *[p.text for p in parts[1:]], *references]:
        for identifier, hours in _find_ids(text):
            if identifier not in module.tags:
                module.tags.append(identifier)
            if hours is not None:
                module.tag_hours[identifier] = hours
    for child in node.walk():
        if child is not node and child.kind in ("item", "para"):
            module.topics.append(_without_ids(strip_duration(child.text, None)))
    ancestors = [a for a in node.ancestors() if a.kind != "root"]
    module.path = [_node_text(a) for a in reversed(ancestors)]
    frame = next((a for a in ancestors if a.frame_rank < MODULE_RANK), None)
    module.day = _node_text(frame) if frame is not None else None
    if value.implausible:
        module.reason = (
            f"Not counted: “{value.text}” is more than one session can last; state its real hours."
        )
    elif module.kind == "instruction":
        how = "a clock range" if value.clock else f"“{value.text}”"
        module.reason = f"Counted: {value.hours:g} h of direct instruction, read from {how}."
        if value.is_range:
            module.reason += f" A range: the lower bound is counted, not {value.maximum:g} h."
    else:
        why, citation = KIND_REASONS[module.kind]
        module.reason = f"Not counted: {why} ({citation})."
    reading.tick()
    return module


def _is_frame(node: Node, value: Duration, inner: list[Module]) -> bool:
    """A week, day or clock range around timed parts (or around breaks) is a frame, not a session."""
    if node.frame_rank < MODULE_RANK:
        return True
    if node.kind == "heading" and _holds_parts(node):
        return True
    return bool(value.clock and any(m.from_clock for m in inner))


def _collect(node: Node, reading: _Reading, title: Node | None) -> list[Module]:
    """The sessions at or below ``node`` (see the module docstring for how they are decided)."""
    inner: list[Module] = []
    for child in node.children:
        inner.extend(_collect(child, reading, title))
    if node.kind == "root":
        return inner
    if node is title:
        value = _duration_of(node, fields=False)
    else:
        value = _duration_of(node) if node.kind != "field" else _field_duration(node)
    if value is None:
        if node.kind == "para" and ":" in node.text:
            _read_inline_totals(node, reading)
        return inner
    # Outside every part: under the title or headings that are not parts themselves.
    outside = node is title or all(
        a is title
        or (a.kind == "heading" and not a.label and _duration_of(a, fields=False) is None)
        for a in node.ancestors()
    )
    if node is title:
        reading.totals.append(
            DeclaredTotal(value.hours, value.text, node.line, "title", _max(value))
        )
        return inner
    if node.kind == "field":
        if _total_field(node) or (
            _is_duration_key(node.field_key) and (outside or node.parent is title)
        ):
            reading.totals.append(
                DeclaredTotal(
                    value.hours, f"{node.field_key}: {node.text}", node.line, "header", _max(value)
                )
            )
        return inner
    if _mentions_total(node, value) and not _several_sentences(node):
        source = "header" if outside and not inner else "statement"
        reading.totals.append(
            DeclaredTotal(value.hours, _node_text(node)[:160], node.line, source, _max(value))
        )
        return inner
    if node.kind == "para" and node.parent is not None and node.parent.kind != "root":
        parent = node.parent
        if _bare_duration_line(node.text) is not None and _duration_of(parent) is value:
            return inner  # the duration of the part above it, read with that part
    clock_inside = value.clock and node.kind == "para" and node.text[: value.start].strip(" *_-–—•")
    if (
        node.kind == "para"
        and value.clock
        and classify(node.text) == "instruction"  # not "Lunch 12:00–12:30 p.m." above the days
        and len(days := _day_items(node)) >= MIN_DAILY_ITEMS
    ):
        return [*inner, *_daily_sessions(node, value, days, reading)]
    if node.kind == "para" and (
        clock_inside or not _at_edge(node.text, value) or _several_sentences(node)
    ):
        _read_prose(node, value, outside, reading)
        return inner
    timed = [m for m in inner if m.hours is not None]
    if not timed:
        days = _day_items(node) if value.clock else []
        if len(days) >= MIN_DAILY_ITEMS:
            return _daily_sessions(node, value, days, reading)
        return [_make_module(node, value, reading, set())]
    if node.kind == "heading" and not node.label and node.key[0] <= 2 and _holds_parts(node):
        # "## Peer Support Refresher Training (40 hours)" over its sessions: the course's total,
        # unless the hours came from a "Program length:" line under it, which states it itself.
        if _duration_of(node, fields=False) is not None or not _from_total_field(node):
            reading.totals.append(
                DeclaredTotal(value.hours, _node_text(node)[:160], node.line, "title", _max(value))
            )
        return inner
    stop = set()
    module = _make_module(node, value, reading, stop)
    if module.kind != "instruction":
        return [module]  # a practicum's parts are the practicum's
    if _is_frame(node, value, inner):
        module.kind = "frame"
        counted = sum(m.counted_hours for m in inner)
        module.reason = (
            f"Not counted itself: it frames timed parts, which are counted instead "
            f"({counted:g} h of instruction inside {value.hours:g} h)."
        )
        return [module, *inner]
    # Breaks, exams and the like inside a module are set aside on their own; the rest refine it.
    apart = [m for m in inner if m.kind != "instruction"]
    refinements = [m for m in inner if m.kind == "instruction" and m.hours is not None]
    below = sum(m.hours or 0.0 for m in refinements)
    if peers_not_parts(node, module, below):
        reading.doubts.append(levels_doubt(module, refinements))
        for peer in inner:  # the cue heading is beside them, not above them
            peer.path = [step for step in peer.path if step != _node_text(node)]
        return [module, *inner]
    module.refinements = refinements
    module.reason += (
        f" Its sub-items' hours ({below:g} h) refine it and are not added." if below else ""
    )
    return [module, *apart]


def _from_total_field(node: Node) -> bool:
    """True when a child field of ``node`` that states the course total gives it its hours."""
    return any(child.kind == "field" and _total_field(child) for child in node.children)


def _holds_parts(node: Node) -> bool:
    """True when timed headings or table rows (not bullets) sit below ``node``."""
    return any(
        child.kind in ("heading", "row") and _duration_of(child) is not None
        for child in node.walk()
        if child is not node
    )


def _field_duration(node: Node) -> Duration | None:
    if not _is_duration_key(node.field_key) and not _total_field(node):
        return None
    found = find_duration(node.text)
    if found is None and ("hour" in node.field_key or "horas" in node.field_key):
        found = _bare_hours(node.text)
    if found is None:
        return None
    parent = node.parent
    # "Duration: 2 hrs" under a module gives the module its hours (read with the module).
    under_part = (
        parent is not None
        and parent.kind != "root"
        and _duration_of_line(parent) is None
        and not _total_field(node)
        and bool(parent.label or parent.kind in ("item", "row") or parent.key[0] > 1)
    )
    return None if under_part else found


def _duration_of_line(node: Node) -> Duration | None:
    return find_duration(_node_text(node)) if node.kind != "root" else None


CREDIT_KEYS = (
    "credit",
    "credits",
    "creditos",
    "ce hours",
    "ce credit",
    "ceus",
    "ceu",
    "contact hours",
)


def _total_field(node: Node) -> bool:
    key = node.field_key
    words = key.split()
    if key.startswith(CREDIT_KEYS) or (words[-1:] == ["credited"] and "hours" in words):
        return True  # "Credit: 6 CE hours", "Instruction hours credited: 40"
    if "office" in words:
        return False  # "Training office hours: Tues & Thurs 1:00–4:00 p.m." is when to call
    course_length = words[:1] in (["course"], ["program"], ["training"]) and words[-1:] in (
        ["length"],
        ["hours"],
        ["duration"],
    )
    return "total" in key or course_length


def _read_prose(node: Node, value: Duration, outside: bool, reading: _Reading) -> None:
    """A paragraph's durations belong to its sentences: a sentence about the course states its total.

    Outside every session any such sentence does; inside one only a sentence whose hours exceed
    the session's own ("Earn 3 CE hours" under a one-hour session of a text copied from a PDF).
    "Total Hours: 40" or "CE hours: 5.5" inside a sentence states the total as its field would.
    """
    enclosing = _enclosing_hours(node)
    for sentence in _prose_sentences(node.text):
        inline = _inline_total(sentence)
        for found in (*find_durations(sentence), *inline):
            if found in inline:
                reading.totals.append(
                    DeclaredTotal(found.hours, sentence[:160], node.line, "statement")
                )
                return
            if found.clock or not _speaks_of_course(sentence, found):
                continue
            if outside or enclosing is None or found.hours > enclosing + TOLERANCE:
                source = "header" if outside else "statement"
                reading.totals.append(
                    DeclaredTotal(found.hours, sentence[:160], node.line, source, _max(found))
                )
                return
    reading.notes.append(
        (node.line, f"“{value.text}” is part of a sentence, not a session's length.")
    )


def _read_inline_totals(node: Node, reading: _Reading) -> None:
    """ "… in the core training. Total Hours: 40" in a paragraph that has no other duration."""
    for sentence in _prose_sentences(node.text):
        for found in _inline_total(sentence):
            reading.totals.append(
                DeclaredTotal(found.hours, sentence[:160], node.line, "statement")
            )
            return


def _inline_total(sentence: str) -> tuple[Duration, ...]:
    """ "Total Hours: 40" or "**CE hours: 5.5**" as a sentence of its own: the course's total."""
    stripped = sentence.replace("*", "").replace("_", " ").strip()
    pair = field_pair(stripped)
    if pair is None:
        return ()
    probe = Node("field", pair[1], 0, field_key=pair[0])
    if not _total_field(probe):
        return ()
    found = find_duration(pair[1])
    if found is None and (bare := _bare_hours(pair[1])) is not None:
        found = bare
    return (found,) if found is not None else ()


def _names_course(heading: Node) -> bool:
    """An unlabelled heading over timed parts, or one that names the course ("… Core Training")."""
    words = {fold(t.text) for t in tokens(heading.text) if t.text.isalpha()}
    return bool(words & COURSE_NOUNS) or _holds_parts(heading)


def _enclosing_hours(node: Node) -> float | None:
    """The hours of the nearest part above ``node`` that states a duration of its own."""
    for ancestor in node.ancestors():
        if ancestor.kind == "heading" and not ancestor.label and _names_course(ancestor):
            continue  # "CORE TRAINING - 80 HOURS" over its sessions: the course, not a session
        if ancestor.kind in ("heading", "item", "row"):
            found = _duration_of(ancestor)
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


def _speaks_of_course(text: str, value: Duration) -> bool:
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


def _max(value: Duration) -> float | None:
    return value.maximum if value.is_range else None


def _names_the_course(module: Module) -> bool:
    """True when the session's line speaks of the course ("… Core Training (80 hours)")."""
    return module.duration is not None and _speaks_of_course(module.title_line, module.duration)


def _leading_totals(modules: list[Module], reading: _Reading) -> None:
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
        ) * 0.9 and not _names_the_course(first):
            return
        if first.hours + TOLERANCE < max(m.hours or 0.0 for m in rest):
            return
        reading.totals.append(
            DeclaredTotal(first.hours, first.title[:160], first.line, "title", first.hours_max)
        )
        modules.pop(0)


def _header_meta(root: Node, meta: dict[str, Any], meta_lines: dict[str, int]) -> None:
    """Key: value lines before the first part fill the document's details (provider, program…)."""
    for child in root.children:
        if child.kind == "heading" and child.key[0] == 1 and not child.label:
            _header_meta(child, meta, meta_lines)
            continue
        if child.kind != "field":
            if child.kind in ("heading", "item", "row"):
                break
            continue
        key = child.field_key
        if key in TOP_KEYS:
            name = "title" if key in ("course", "course title") else key
            if name not in meta:
                meta[name] = child.text
                meta_lines[name] = child.line


MIN_DAILY_ITEMS = 2
# Weekdays as agendas abbreviate them ("**Mon:** Trauma-informed care", "Tue 9/23: …").
DAY_WORDS = frozenset(
    {
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "lun", "mar", "mie", "jue", "vie", "sab", "dom",
        "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
    }
)  # fmt: skip


def _opens_with_day(text: str) -> bool:
    words = text.replace(":", " ").replace(",", " ").replace(".", " ").split()
    return bool(words) and fold(words[0]) in DAY_WORDS


def _day_items(node: Node) -> list[Node]:
    """The untimed items, each opening with a weekday, that a daily clock range applies to.

    "Week 2 — Monday to Thursday, 9:00 a.m. to 1:00 p.m." over "Mon: …", "Tue: …" bullets, or
    "Live evenings (5:30–8:30 p.m.):" followed by "Tue 9/23: …", "Thu 9/25: …".
    """
    if node.kind == "heading":
        candidates = [c for c in node.children if c.kind in ("item", "para")]
    elif node.kind == "para" and node.parent is not None and node.text.rstrip().endswith(":"):
        # A lead-in line ("Live evenings (5:30–8:30 p.m.):") and the list that follows it.
        siblings = node.parent.children
        candidates = []
        for index in range(_positions(node.parent)[id(node)] + 1, len(siblings)):
            sibling = siblings[index]  # no slice: a copy of the rest per line would be quadratic
            if sibling.kind != "item" or not _opens_with_day(sibling.text):
                break
            candidates.append(sibling)
    else:
        return []
    days = [c for c in candidates if c.kind == "item" and _opens_with_day(c.text)]
    return [d for d in days if _duration_of(d) is None]


_POSITIONS: dict[int, tuple[Node, dict[int, int]]] = {}


def _positions(parent: Node) -> dict[int, int]:
    """Where each child stands among its siblings, worked out once per parent (not once per child)."""
    cached = _POSITIONS.get(id(parent))
    if cached is None or cached[0] is not parent:
        if len(_POSITIONS) > MAX_SESSIONS:
            _POSITIONS.clear()
        cached = (parent, {id(child): index for index, child in enumerate(parent.children)})
        _POSITIONS[id(parent)] = cached
    return cached[1]


def _daily_breaks(node: Node) -> float:
    """Hours of breaks and meals the part's own sentences give each day.

    "Each live day includes one 15-minute break" (0.25), "Lunch 12:00–12:30 p.m.; 15-minute
    breaks at 10:30 a.m. and 2:30 p.m." (0.5 + 2 × 0.25).
    """
    hours = 0.0
    for child in node.children if node.kind == "heading" else []:
        if child.kind != "para":
            continue
        pieces = [p for part in child.text.split(";") for p in _prose_sentences(part)]
        for piece in pieces:
            if classify(piece) != "break":
                continue
            for found in find_durations(piece):
                before = piece[: found.start].split()
                count = NUMBER_WORDS.get(fold(before[-1]), 1) if before else 1
                listed = [
                    word
                    for word in piece[found.end :].split()
                    if ":" in word and word.split(":")[0].isdigit()
                ]
                if "breaks" in fold(piece) and len(listed) > 1:
                    count = len(listed)  # "15-minute breaks at 10:30 a.m. and 2:30 p.m."
                hours += found.hours * max(count, 1)
    return hours


def _daily_sessions(
    node: Node, value: Duration, days: list[Node], reading: _Reading
) -> list[Module]:
    """Each weekday item under a daily clock range is a session of that range less its breaks."""
    breaks = _daily_breaks(node)
    each = value.hours - breaks
    frame = _make_module(node, value, reading, set())
    if each <= 0:
        return [frame]
    frame.kind = "frame"
    frame.reason = (
        f"Not counted itself: “{value.text}” is the daily time of the {len(days)} days listed "
        f"under it, each counted instead."
    )
    sessions = []
    for day in days:
        daily = Duration(each, value.text, value.start, value.end, clock=True)
        module = _make_module(day, daily, reading, set())
        if module.kind == "instruction":
            less = f" less {breaks:g} h of breaks stated for each day" if breaks else ""
            module.reason = f"Counted: {each:g} h, the daily time “{value.text}”{less}."
        sessions.append(module)
    return [frame, *sessions]


MIN_RUNNING_REPEATS = 3
MIN_RUNNING_WORDS = 4
HEAD_LINES = 5


_DIGITS_AS_HASH = str.maketrans("0123456789", "##########")


def _without_running_lines(lines: list[str]) -> list[str]:
    """Page headers and footers of a PDF ("Page 2 of 5 · Rev. 3/2025") blanked where they repeat.

    A line that comes back at least three times, the same but for its numbers, with no duration,
    no "Key:" and no list or table marker, and that either numbers the page or repeats the
    document's first lines, is the page's furniture, not the course; it would otherwise be read
    into whichever session a page break falls in.
    """
    shapes: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        text = line.strip()
        if len(text.split()) < MIN_RUNNING_WORDS or text[:1] in "#-*|+>":
            continue
        shape = text.translate(_DIGITS_AS_HASH)
        shapes.setdefault(shape, []).append(index)
    out = None
    for indexes in shapes.values():
        if len(indexes) < MIN_RUNNING_REPEATS:
            continue
        sample = lines[indexes[0]].strip()
        if find_duration(sample) is not None or field_pair(sample) is not None or _find_ids(sample):
            continue
        numbered_page = "page" in fold(sample).split()
        if not numbered_page and indexes[0] >= HEAD_LINES:
            continue  # a sentence every module repeats ("Participants practise in pairs.") stays
        out = out or list(lines)
        # The first use stays when it opens the document (the title a page header repeats).
        for index in indexes[1:] if indexes[0] < HEAD_LINES else indexes:
            out[index] = ""
    return out or lines


MIN_SCHEDULE_ENTRIES = 3
MAX_TIME_CHARS = 12
MAX_ENTRY_LINES = 8


def _start_time(line: str) -> bool:
    """A line that is only a time of day ("7:30 AM", "12:45 p.m.", "13:00")."""
    text = line.strip()
    if not text or len(text) > MAX_TIME_CHARS or not (text[0].isdigit() or fold(text) == "noon"):
        return False
    return find_duration(text) is None and (":" in text or fold(text).endswith(("am", "pm", "m.")))


def _join_start_times(lines: list[str]) -> list[str]:
    """Agendas copied from a two-column PDF give each start time a line and its title the next.

    "8:00 AM" / "Pathways to Crisis: how distress" / "builds, …" / "10:00 AM" / "Break": each
    entry becomes one line running from its time to the next ("8:00 AM–10:00 AM Pathways to
    Crisis …"), kept on the line where it starts (the lines it takes are left blank, so every
    line number stays). An entry with no time after it keeps its start only. Documents with fewer
    than three such entries are left as they are.
    """
    starts = [index for index, line in enumerate(lines) if _start_time(line)]
    if len(starts) < MIN_SCHEDULE_ENTRIES:
        return lines
    out = list(lines)
    entries = 0
    for index in starts:
        body, cursor = [], index + 1
        while cursor < len(lines) and len(body) < MAX_ENTRY_LINES:
            text = lines[cursor].strip()
            if not text or _start_time(text) or label_of(text)[0]:
                break
            body.append(text)
            cursor += 1
        if not body:
            continue
        start = lines[index].strip()
        end = lines[cursor].strip() if cursor < len(lines) and _start_time(lines[cursor]) else ""
        span = find_duration(f"{start} - {end}") if end else None
        head = f"{start} - {end}" if span is not None and span.clock else start
        out[index] = f"{head} {' '.join(body)}"
        for taken in range(index + 1, cursor):
            out[taken] = ""
        entries += 1
    return out if entries >= MIN_SCHEDULE_ENTRIES else lines


def parse(text: str, *, budget: Budget | None = None) -> Syllabus:
    """Read sessions, hours, declared totals and references from syllabus text; SyllabusReadError if unusable."""
    if "\x00" in text[:100_000]:
        raise SyllabusReadError(
            "The text contains binary data; upload the document itself (.docx, .pdf) instead."
        )
    if len(text) > MAX_CHARS:
        raise SyllabusReadError(
            f"The syllabus is longer than {MAX_CHARS // 1_000_000} million characters."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        raise SyllabusReadError(f"The syllabus has more than {MAX_LINES:,} lines.")
    budget = budget or Budget()
    budget.count_chars(len(text))
    reading = _Reading(budget=budget)
    meta, meta_lines, start = _front_matter(lines)
    front_total = _front_matter_total(meta, meta_lines)
    if front_total is not None:
        reading.totals.append(front_total)
    lines = _join_start_times(_without_running_lines(lines))
    root = build_outline(lines[start:], start + 1, budget=budget)
    _header_meta(root, meta, meta_lines)
    title = _title_node(root, meta)
    if title is not None and "title" not in meta:
        value = _duration_of(title, fields=False)
        meta["title"] = strip_duration(_node_text(title), value) or _node_text(title)
        meta_lines["title"] = title.line
    modules = _collect(root, reading, title)
    modules.sort(key=lambda m: m.line)
    _leading_totals(modules, reading)
    set_aside_restated_tables(modules, reading.doubts)
    reading.doubts += exam_word_doubts(modules)
    reading.totals.sort(key=lambda t: t.line or 0)
    reading.doubts += closing_total_doubts(modules, reading.totals)
    reading.doubts.sort(key=lambda d: d.line)
    reading.totals.sort(key=lambda t: t.line or 0)
    return Syllabus(
        meta=meta,
        modules=modules,
        declared_totals=reading.totals,
        meta_lines=meta_lines,
        text=text,
        notes=reading.notes,
        doubts=reading.doubts,
    )
