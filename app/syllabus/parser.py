"""Syllabus text to modules: tagged Markdown, agendas with clock times, tables, plain lists (pure)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from app.syllabus.errors import SyllabusReadError
from app.syllabus.hours import HourValue, find_clock_range, find_hours, strip_hours

MAX_LINES = 50_000
MAX_LINE_LENGTH = 5_000
MAX_DECLARED_HOURS = (
    10_000.0  # a sanity bound on what a syllabus can declare, not a rule of the Guidelines
)

TAG = re.compile(r"\b(core|pcfm|crisis|unhoused|justice)[-_ ]?(\d{1,2})\b", re.I)
TAG_WITH_HOURS = re.compile(
    r"\b(core|pcfm|crisis|unhoused|justice)[-_ ]?(\d{1,2})\b\s*(?:\(|:|=)\s*(\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)?\s*\)?",
    re.I,
)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.)]|[a-z][.)])\s+")
DAY = re.compile(
    r"^\W*(day|week|session day|weekend)\s*\d+\b|^\W*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
MODULE_WORD = re.compile(
    r"^\W*(module|session|unit|topic|lesson|part|block|workshop|segment|section)\s*[\dIVX]+\b", re.I
)
FIELD_LINE = re.compile(
    r"^\s*(?:[-*+]\s*)?\**(competenc(?:y|ies)|covers|core competencies|assessment|assessed by|evaluation|"
    r"assessment method|topics|objectives|learning objectives|description|format|delivery)\**\s*[:：]\s*(.*)$",
    re.I,
)
DECLARED_TOTAL = re.compile(
    r"^\W*(?:declared\s+)?(?:course\s+|program\s+|training\s+)?total(?:\s+(?:training|instructional|instruction|contact|"
    r"direct[- ]instruction|course|program))?\s+hours\W*[:=]?\s*(\d{1,3}(?:\.\d{1,2})?)\b",
    re.I,
)
KEY_VALUE = re.compile(r"^\s*\**([A-Za-z][A-Za-z ]{1,30})\**\s*:\s*(.+?)\s*$")
TOP_KEYS = {
    "program",
    "provider",
    "title",
    "course",
    "version",
    "delivery",
    "language",
    "prerequisite",
    "prerequisites",
}

KIND_PATTERNS = (
    (
        "break",
        re.compile(
            r"\b(break|breaks|lunch|breakfast|dinner|recess|coffee|snack|meal|rest)\b(?![-\s]*(?:and|&)\s*learn)",
            re.I,
        ),
    ),
    (
        "admin",
        re.compile(
            r"\b(registration|sign[- ]?in|check[- ]?in|housekeeping|adjourn|dismissal)\b", re.I
        ),
    ),
    (
        "homework",
        re.compile(
            r"\b(homework|assignments?|self[- ]study|reading assignment|pre[- ]?work|independent study|take[- ]home)\b",
            re.I,
        ),
    ),
    (
        "practicum",
        re.compile(
            r"\b(practicum|field placement|field ?work|internship|shadowing|job shadow|field experience|supervised practice)\b",
            re.I,
        ),
    ),
    (
        "exam",
        re.compile(
            r"^\W*(?:final |written |knowledge |certification |course |practice )?(?:exam|examination|quiz|test|post-test|pre-test|posttest|pretest)s?(?![-\w])|\b(?:final exam|written exam|post-?test|pre-?test|certification exam)\b",
            re.I,
        ),
    ),
)
NON_INSTRUCTION = {"break", "admin", "homework", "practicum", "exam"}


@dataclass
class Module:
    """One unit of a syllabus with its hours and what it says it covers."""

    title: str
    line: int
    hours: float | None = None
    hours_text: str = ""
    hours_max: float | None = None
    approximate: bool = False
    from_clock: bool = False
    kind: str = "instruction"
    tags: list[str] = field(default_factory=list)
    tag_hours: dict[str, float] = field(default_factory=dict)
    unknown_tags: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    assessment: str = ""
    assessment_line: int | None = None
    day: str | None = None

    @property
    def counted_hours(self) -> float:
        """Hours that count as direct instruction (breaks, homework, practicum, exams do not)."""
        if self.kind != "instruction" or self.hours is None:
            return 0.0
        return self.hours

    def text(self) -> str:
        """Everything the module says about itself, for matching against competencies."""
        return " ".join([self.title, *self.topics, *self.description])


@dataclass
class Syllabus:
    meta: dict[str, Any]
    modules: list[Module]
    declared_total: float | None = None
    declared_total_line: int | None = None
    meta_lines: dict[str, int] = field(default_factory=dict)
    text: str = ""
    tagged: bool = False
    notes: list[tuple[int, str]] = field(default_factory=list)


def _add_tags(module: Module, text: str) -> None:
    for match in TAG_WITH_HOURS.finditer(text):
        identifier = f"{match.group(1).lower()}-{int(match.group(2))}"
        module.tag_hours[identifier] = float(match.group(3))
    for match in TAG.finditer(text):
        identifier = f"{match.group(1).lower()}-{int(match.group(2))}"
        if identifier not in module.tags:
            module.tags.append(identifier)


def _without_tags(text: str) -> str:
    text = re.sub(
        r"\[\s*(?:(?:core|pcfm|crisis|unhoused|justice)[-_ ]?\d{1,2}[\s,;]*)+\]",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(
        r"\((?:\s*(?:core|pcfm|crisis|unhoused|justice)[-_ ]?\d{1,2}\s*[,;]?)+\)",
        "",
        text,
        flags=re.I,
    )
    return re.sub(r"\s{2,}", " ", text).strip(" -–—:|,;")


def classify(title: str) -> str:
    """instruction, or the kind of non-instruction a title names (break, homework, practicum, exam…)."""
    for kind, pattern in KIND_PATTERNS:
        if pattern.search(title):
            return kind
    return "instruction"


def _new_module(title_text: str, line: int, value: HourValue | None, day: str | None) -> Module:
    title = _without_tags(strip_hours(title_text, value)) or title_text.strip()
    title = re.sub(r"^\W*(?:\*\*|__)?|(?:\*\*|__)$", "", title).strip() or title_text.strip()
    module = Module(title=title[:300], line=line, day=day)
    if value is not None:
        module.hours = value.hours
        module.hours_text = value.text
        module.hours_max = value.maximum
        module.approximate = value.approximate
        module.from_clock = value.from_clock
    module.kind = classify(module.title)
    _add_tags(module, title_text)
    return module


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: front matter needs neither, and aliases allow billion-laughs."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)


def _load_front_matter(block: str) -> Any:
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
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                line = index + 2 + mark.line if mark else index + 1
                problem = getattr(error, "problem", None) or "syntax error"
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


def _declared_total(meta: dict[str, Any], key_lines: dict[str, int]) -> float | None:
    """The declared total hours of the front matter; SyllabusReadError when it is not a sensible number."""
    for key in ("total_hours", "declared_total_hours", "declared_hours", "hours", "total"):
        if key in meta and meta[key] is not None:
            value, line = meta[key], key_lines.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool):
                hours: float | None = float(value)
            else:
                text = str(value)[:200]
                numbers = re.findall(r"\d+(?:\.\d+)?", text)
                found = find_hours(text)
                if found:
                    hours = found.hours
                elif len(numbers) == 1 and not re.search(r"\d[eE][+-]?\d", text):
                    hours = float(numbers[0])  # "80", "about 80"
                else:
                    hours = None
            if hours is None or not math.isfinite(hours):
                raise SyllabusReadError(
                    f"The declared total hours {str(value)[:40]!r} is not a number.", line=line
                )
            if not 0 < hours <= MAX_DECLARED_HOURS:
                raise SyllabusReadError(
                    f"The declared total hours {hours:g} is not between 0 and {MAX_DECLARED_HOURS:g}.",
                    line=line,
                )
            return hours
    return None


def _split_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _is_separator(line: str) -> bool:
    return bool(re.fullmatch(r"\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*", line))


COLUMN_ROLES = (
    ("time", re.compile(r"^(time|times|clock|schedule|when|start)\b", re.I)),
    (
        "hours",
        re.compile(r"(hours?|hrs|duration|length|contact|instruction(al)? time|minutes)", re.I),
    ),
    ("tags", re.compile(r"competenc|tags?|standards?|covers", re.I)),
    ("assessment", re.compile(r"assess|evaluat", re.I)),
    ("description", re.compile(r"descri|objective|content|notes|outcomes", re.I)),
    (
        "title",
        re.compile(
            r"(session|topic|module|title|activity|agenda|subject|course|unit|item|training)", re.I
        ),
    ),
)


def _column_roles(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, name in enumerate(header):
        for role, pattern in COLUMN_ROLES:
            if pattern.search(name) and role not in roles:
                roles[role] = index
                break
    if "title" not in roles:
        free = [i for i in range(len(header)) if i not in roles.values()]
        if free:
            roles["title"] = free[0]
    return roles


def _table_module(
    cells: list[str], roles: dict[str, int], line: int, day: str | None
) -> Module | None:
    def cell(role: str) -> str:
        index = roles.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    title = cell("title") or next((c for c in cells if c and not find_clock_range(c)), "")
    if not title or set(title) <= set("-: "):
        return None
    value = None
    hours_cell = cell("hours")
    if hours_cell:
        value = find_hours(hours_cell)
        if value is None and (
            bare := re.fullmatch(r"\s*~?\s*(\d{1,3}(?:\.\d{1,2})?)\s*", hours_cell)
        ):
            value = HourValue(
                float(bare.group(1)), hours_cell.strip(), approximate="~" in hours_cell
            )
        if value is None:
            value = find_clock_range(hours_cell)
    if value is None and cell("time"):
        value = find_clock_range(cell("time"))
    if value is None:
        value = find_hours(title) or find_clock_range(title)
        module = _new_module(title, line, value, day)
    else:
        module = _new_module(title, line, None, day)
        module.hours, module.hours_text, module.hours_max = value.hours, value.text, value.maximum
        module.approximate, module.from_clock = value.approximate, value.from_clock
    for text in cells:
        _add_tags(module, text)
    if cell("description"):
        module.description.append(cell("description"))
    if cell("assessment"):
        module.assessment, module.assessment_line = cell("assessment"), line
    return module


def parse(text: str) -> Syllabus:
    """Read modules, hours, tags and metadata from syllabus text; SyllabusReadError if unusable."""
    if "\x00" in text:
        raise SyllabusReadError(
            "The text contains binary data; upload the document itself (.docx, .pdf) instead."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        raise SyllabusReadError(f"The syllabus has more than {MAX_LINES:,} lines.")
    meta, meta_lines, start = _front_matter(lines)
    declared = _declared_total(meta, meta_lines)
    declared_line = meta_lines.get("total_hours") or meta_lines.get("declared_total_hours")

    modules: list[Module] = []
    current: Module | None = None
    day: str | None = None
    day_modules: list[
        tuple[str, int, HourValue | None, int]
    ] = []  # (title, line, hours, module count at the time)
    table_roles: dict[str, int] | None = None
    in_code = False
    seen_heading = False

    for offset, raw in enumerate(lines[start:]):
        number = start + offset + 1
        line = raw[:MAX_LINE_LENGTH].rstrip()
        stripped = line.strip()
        if stripped.startswith("```"):
            in_code = not in_code
            continue
        if in_code or not stripped:
            if not stripped:
                table_roles = None if table_roles is not None and not stripped else table_roles
            continue

        if declared is None and (
            total := DECLARED_TOTAL.match(stripped.lstrip("#*- ").replace("**", ""))
        ):
            declared, declared_line = float(total.group(1)), number
            continue

        # Tables: a header row followed by a separator row sets the column roles.
        if stripped.startswith("|"):
            cells = _split_row(stripped)
            if _is_separator(stripped):
                continue
            following = lines[start + offset + 1] if start + offset + 1 < len(lines) else ""
            if _is_separator(following):
                table_roles = _column_roles(cells)
                continue
            if table_roles is not None:
                module = _table_module(cells, table_roles, number, day)
                if module is not None:
                    modules.append(module)
                    current = module
                continue

        heading = HEADING.match(stripped)
        if heading:
            body = heading.group(2).strip().strip("*_")
            level = len(heading.group(1))
            value = find_hours(body)
            has_tags = bool(TAG.search(body))
            if DAY.match(body) and not has_tags:
                day = _without_tags(strip_hours(body, value)) or body
                day_modules.append((day, number, value, len(modules)))
                current = None
                continue
            if level == 1 and not has_tags and not modules:
                # The document's title; hours in it are the declared total ("Refresher (40 hours)").
                if "title" not in meta:
                    meta["title"] = _without_tags(strip_hours(body, value)) or body
                    meta_lines["title"] = number
                if value is not None and declared is None:
                    declared, declared_line = value.hours, number
                seen_heading = True
                current = None
                continue
            if (
                value is not None
                or has_tags
                or MODULE_WORD.match(body)
                or (
                    seen_heading
                    and level >= 2
                    and current is None
                    and _looks_like_topic(lines, start + offset)
                )
            ):
                current = _new_module(body, number, value, day)
                modules.append(current)
                seen_heading = True
                continue
            if level == 1 and "title" not in meta:
                meta["title"] = body
                meta_lines["title"] = number
            current = None
            seen_heading = True
            continue

        field_match = FIELD_LINE.match(stripped)
        if field_match and current is not None:
            name, value_text = field_match.group(1).lower(), field_match.group(2).strip()
            if name.startswith(("competenc", "covers", "core competencies")):
                _add_tags(current, value_text)
                if not TAG.search(value_text):
                    current.description.append(value_text)
            elif name.startswith(("assess", "evaluation")):
                current.assessment, current.assessment_line = value_text, number
            elif name == "topics":
                current.topics.extend(t.strip() for t in re.split(r"[;,]", value_text) if t.strip())
            else:
                current.description.append(value_text)
            continue

        if not modules and (kv := KEY_VALUE.match(stripped)):
            key = kv.group(1).strip().lower().replace(" ", "_")
            if key in TOP_KEYS and key not in meta:
                meta["title" if key == "course" else key] = kv.group(2).strip()
                meta_lines[key] = number
                continue

        item_text = LIST_ITEM.sub("", stripped, count=1)
        clock = find_clock_range(item_text)
        if clock is not None and clock.start <= 3:
            title_text = item_text[clock.end :].strip(" \t-–—:|,;")
            current = _new_module(title_text or item_text, number, None, day)
            current.hours, current.hours_text, current.from_clock = clock.hours, clock.text, True
            modules.append(current)
            continue
        value = find_hours(item_text)
        is_item = bool(LIST_ITEM.match(stripped))
        if (
            value is not None
            and (is_item or len(item_text) <= 160)
            and not _is_prose(item_text, value, is_item=is_item)
        ):
            current = _new_module(item_text, number, value, day)
            modules.append(current)
            continue
        if current is not None:
            _add_tags(current, stripped)
            if is_item:
                current.topics.append(_without_tags(item_text))
            else:
                current.description.append(stripped)

    # A day heading with hours and nothing of its own beneath it stands for one module.
    for index, (title, number, value, count_before) in enumerate(day_modules):
        count_after = day_modules[index + 1][3] if index + 1 < len(day_modules) else len(modules)
        if value is not None and count_after == count_before:
            module = _new_module(title, number, value, title)
            modules.insert(count_before, module)

    tagged = any(m.tags for m in modules)
    return Syllabus(
        meta=meta,
        modules=modules,
        declared_total=declared,
        declared_total_line=declared_line,
        meta_lines=meta_lines,
        text=text,
        tagged=tagged,
    )


def _is_prose(text: str, value: HourValue, *, is_item: bool) -> bool:
    """True for sentences that merely mention a duration ("Ten days, with a 30-minute lunch.")."""
    words = text.split()
    if is_item:
        return len(words) > 30
    return len(words) > 12 or (text.rstrip().endswith(".") and len(words) > 6)


def _looks_like_topic(lines: list[str], index: int) -> bool:
    """A plain heading is a module when the lines under it read like module content."""
    for raw in lines[index + 1 : index + 6]:
        stripped = raw.strip()
        if not stripped:
            continue
        if HEADING.match(stripped):
            return False
        return bool(FIELD_LINE.match(stripped) or find_hours(stripped))
    return False
