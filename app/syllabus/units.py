"""One session made from one outline block: its title, hours, kind, parts and path (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.messages import Message
from app.syllabus.block_hours import (
    ASSESSMENT_KEYS,
    duration_of,
    is_duration_key,
    is_reference_key,
    node_text,
)
from app.syllabus.durations import (
    Duration,
    find_duration,
    strip_duration,
)
from app.syllabus.kinds import KIND_REASONS, classify, says_not_counted, task_of, under_not_counted
from app.syllabus.model import Module, Part
from app.syllabus.outline import MODULE_RANK, Node, fold
from app.syllabus.state import Reading
from app.syllabus.tags import find_ids, without_ids


@dataclass
class _Body:
    """What the blocks under a session say: its parts, references, descriptions, assessment."""

    parts: list[Part] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    assessment: str = ""
    assessment_line: int | None = None


def parts_of(
    node: Node, stop: set[int]
) -> tuple[list[Part], list[str], list[str], str, int | None]:
    """The parts (title, bullets, sentences), reference texts, descriptions and assessment under ``node``."""
    body = _Body()
    title = node_text(node)
    body.parts.append(Part(without_ids(strip_duration(title, find_duration(title))), node.line))
    if node.kind == "row":
        _read_row_cells(node, body)
    for child in node.walk():
        if child is node or id(child) in stop:
            continue
        text = _field_text(child, body) if child.kind == "field" else node_text(child)
        if text is not None:
            _add_text(child, text, body)
    return body.parts, body.references, body.descriptions, body.assessment, body.assessment_line


def _read_row_cells(node: Node, body: _Body) -> None:
    if node.cells.get("description"):
        body.parts.append(Part(node.cells["description"], node.line))
        body.descriptions.append(node.cells["description"])
    if node.cells.get("refs"):
        body.references.append(node.cells["refs"])
    if node.cells.get("assessment"):
        body.assessment, body.assessment_line = node.cells["assessment"], node.line


def _field_text(child: Node, body: _Body) -> str | None:
    """A field's text as a part, or None when it is a reference, an assessment or a duration."""
    key = child.field_key
    if is_reference_key(key):
        body.references.append(child.text)
        return None
    if any(key.startswith(k) for k in ASSESSMENT_KEYS):
        body.assessment, body.assessment_line = child.text, child.line
        return None
    return None if is_duration_key(key) else child.text


def _add_text(child: Node, text: str, body: _Body) -> None:
    value = duration_of(child) if child.kind != "field" else None
    cleaned = without_ids(strip_duration(text, value))
    if cleaned:
        for sentence in split_items(cleaned):
            body.parts.append(Part(sentence, child.line, value.hours if value else None))
        body.descriptions.append(cleaned)
    if child.kind == "row" and child.cells.get("refs"):
        body.references.append(child.cells["refs"])


def split_items(text: str) -> list[str]:
    """Split prose into sentences and semicolon-separated items.

    A sentence ends at ". ", "! " or "? " once it is longer than 20 characters; an item at ";".
    The text is searched for the next stop, never walked character by character.
    """
    if ";" not in text and ". " not in text and "! " not in text and "? " not in text:
        whole = text.strip(" ;")
        return [whole] if whole else []
    pieces, start, cursor = [], 0, 0
    while True:
        stop = _next_stop(text, cursor, start)
        if stop == -1:
            break
        piece = text[start : stop + 1].strip(" ;")
        if piece:
            pieces.append(piece)
        start = cursor = stop + 1
    rest = text[start:].strip(" ;")
    if rest:
        pieces.append(rest)
    return pieces


MIN_SENTENCE_CHARS = 20


def _next_stop(text: str, cursor: int, start: int) -> int:
    """Where the piece begun at ``start`` ends: the next ";", or ". ", "! ", "? " far enough on."""
    while True:
        found = [
            at for at in (text.find(mark, cursor) for mark in (";", ". ", "! ", "? ")) if at != -1
        ]
        if not found:
            return -1
        at = min(found)
        if text[at] == ";" or at - start + 1 > MIN_SENTENCE_CHARS:
            return at
        cursor = at + 1


TITLE_KEYS = frozenset({"title", "session title", "module title", "topic", "titulo", "tema"})


def make_module(node: Node, value: Duration, reading: Reading, stop: set[int]) -> Module:
    """The session ``node`` is, lasting ``value``: its title, kind, parts, tags, path and reason."""
    title_text = node_text(node)
    in_title = find_duration(title_text) == value
    title = (
        without_ids(strip_duration(title_text, value if in_title else None)) or title_text.strip()
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
    module.kind = kind_of(node, title)
    named = next(
        (c.text for c in node.children if c.kind == "field" and c.field_key in TITLE_KEYS), ""
    )
    if named and fold(named) not in fold(module.title):
        module.title = f"{module.title}: {named}"[:300]  # "SESSION R1" / "Title: Recovery …"
    parts, references, descriptions, assessment, assessment_line = parts_of(node, stop)
    module.parts, module.references, module.description = parts, references, descriptions
    module.assessment, module.assessment_line = assessment, assessment_line
    _read_tags(module, [title_text, *[p.text for p in parts[1:]], *references])
    _place(module, node)
    module.reason = reason_for(value, module.kind)
    reading.tick()
    return module


def kind_of(node: Node, title: str) -> str:
    """What the session's hours are: its title's kind, else what its duration field or body says."""
    kind = classify(title)
    if kind == "instruction":
        # "Duration: 3 hrs (homework, completed on your own)" says what the hours are.
        for child in node.children:
            if child.kind == "field" and is_duration_key(child.field_key):
                kind = classify(child.text)
                break
    if kind == "instruction" and node.frame_rank < MODULE_RANK:
        # "Week 3: about 2–4 hours" says only when; a body that only tells the reader to
        # "Complete the comprehensive quiz" says what those hours are.
        kind = task_of(node) or kind
    if kind == "instruction" and (says_not_counted(node) or under_not_counted(node)):
        kind = "uncredited"
    return kind


def _read_tags(module: Module, texts: list[str]) -> None:
    """Competency identifiers written in the session's texts, with the hours given after them."""
    for text in texts:
        for identifier, hours in find_ids(text):
            if identifier not in module.tags:
                module.tags.append(identifier)
            if hours is not None:
                module.tag_hours[identifier] = hours


def _place(module: Module, node: Node) -> None:
    """The session's topics, its heading path and the day or week it falls in."""
    for child in node.walk():
        if child is not node and child.kind in ("item", "para"):
            module.topics.append(without_ids(strip_duration(child.text, None)))
    ancestors = [a for a in node.ancestors() if a.kind != "root"]
    module.path = [node_text(a) for a in reversed(ancestors)]
    frame = next((a for a in ancestors if a.frame_rank < MODULE_RANK), None)
    module.day = node_text(frame) if frame is not None else None


def reason_for(value: Duration, kind: str) -> str:
    """Why the session's hours are or are not counted."""
    if value.implausible:
        return Message(
            "Not counted: “%(text)s” is more than one session can last; state its real hours.",
            text=value.text,
        )
    if kind == "instruction":
        how = Message("a clock range") if value.clock else Message("“%(text)s”", text=value.text)
        if value.is_range:
            return Message(
                "Counted: %(hours)s h of direct instruction, read from %(how)s. A range: the lower "
                "bound is counted, not %(maximum)s h.",
                hours=value.hours,
                how=how,
                maximum=value.maximum,
            )
        return Message(
            "Counted: %(hours)s h of direct instruction, read from %(how)s.",
            hours=value.hours,
            how=how,
        )
    why, citation = KIND_REASONS[kind]
    return Message("Not counted: %(why)s (%(citation)s).", why=why, citation=citation)
