"""Syllabus text to one outline tree: headings, list items, table rows, fields and paragraphs (pure).

Every reader's output (Markdown, plain text, Word headings and tables, PDF text) is turned into
the same tree before anything is counted, so that what is a session, a frame around sessions or a
statement about the whole course is decided by the document's structure, never line by line.
Lines are read by hand (no regular expression on user text), so the cost is linear in the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.syllabus.column_roles import column_roles
from app.syllabus.columns import (
    MAX_LOOKAHEAD_ROWS,
    HourColumn,
    counted_flag,
    counts_column,
    guessed_header,
    hour_columns,
    judge_columns,
    parts_sum,
    row_hours,
    split_aligned,
    sums_parts,
    tabbed_row,
    unclear_columns,
)
from app.syllabus.durations import Duration, find_duration, strip_duration
from app.syllabus.folding import fold
from app.syllabus.identifiers import is_code
from app.syllabus.limits import Budget
from app.syllabus.sentences import ends_open
from app.syllabus.vocabulary import FRAME_RANKS, LABEL_WORDS, MODULE_RANK, MONTHS, WEEKDAYS

BULLETS = frozenset("-*+•·–—▪◦●■□➢►✓")
MAX_KEY_WORDS = 5
MAX_PARAGRAPH_CHARS = 2_000  # a paragraph grows by continuation lines up to here
MAX_DEPTH = 16  # blocks nested deeper are kept at this depth (a real syllabus nests 8 at most)


@dataclass
class Node:
    """One block of the outline and the blocks it contains."""

    kind: str  # root | heading | item | row | field | para
    text: str  # the block's text without Markdown markers
    line: int
    key: tuple[int, int, int] = (
        0,
        0,
        0,
    )  # nesting rank: a block contains later blocks of higher keys
    label: str = ""  # the word that opens it ("module", "day", "week", …) when there is one
    frame_rank: int = MODULE_RANK
    cells: dict[str, str] = field(default_factory=dict)  # table rows: role -> cell text
    field_key: str = ""  # fields: the folded key ("duration", "competencies covered")
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)
    bold: bool = False
    stated_hours: Duration | None = None  # table rows: hours read from the header's hour columns
    counted: bool | None = None  # table rows: what a "Counts toward hours" column says (yes/no)
    unit_guessed: str = ""  # table rows: the header of an h:mm-or-mm:ss column read as h:mm
    parts_sum: float | None = None  # table rows: the sum of hour columns that may be parts
    parts_headers: str = ""  # table rows: the headers of those columns

    def walk(self):
        """This node and every node below it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def ancestors(self) -> list[Node]:
        """The nodes above this one, nearest first (the root excluded)."""
        found, node = [], self.parent
        while node is not None and node.kind != "root":
            found.append(node)
            node = node.parent
        return found


def _strip_emphasis(text: str) -> tuple[str, bool]:
    """Text without surrounding ** or __, and whether the whole line was bold."""
    stripped = text.strip()
    for mark in ("**", "__"):
        if len(stripped) > 4 and stripped.startswith(mark) and stripped.endswith(mark):
            inner = stripped[2:-2]
            if mark not in inner:
                return inner.strip(), True
    return stripped.replace("**", "").replace("__", ""), False


def _heading_level(stripped: str) -> int:
    level = 0
    while level < len(stripped) and level < 7 and stripped[level] == "#":
        level += 1
    if 1 <= level <= 6 and (len(stripped) == level or stripped[level] in " \t"):
        return level
    return 0


def _list_marker(stripped: str) -> int:
    """Length of a list marker at the start ("- ", "1. ", "a) ", "-- "), or 0."""
    if len(stripped) >= 2 and stripped[0] in BULLETS and stripped[1] in " \t":
        return 2
    if stripped.startswith("-- ") or stripped.startswith("— "):
        return 3
    digits = 0
    while digits < len(stripped) and digits < 3 and stripped[digits].isdigit():
        digits += 1
    numbered = digits and digits + 1 < len(stripped) and stripped[digits] in ".)"
    if numbered and stripped[digits + 1] in " \t":
        return digits + 2
    if (
        len(stripped) >= 3
        and stripped[0].isalpha()
        and stripped[0].isascii()
        and stripped[1] in ".)"
        and stripped[2] in " \t"
        and (stripped[0].isupper() or stripped[1] == ")" or stripped[0] in "abcdefgh")
    ):
        return 3
    return 0


def _first_word(text: str) -> str:
    word = []
    for ch in text.lstrip("*_ #\t"):
        if ch.isalpha():
            word.append(ch)
        else:
            break
    return "".join(word).lower()


def label_of(text: str) -> tuple[str, int]:
    """The opening label word ("module", "day") and its frame rank, or ("", MODULE_RANK)."""
    word = _first_word(text)
    if word in LABEL_WORDS:
        rest = text.lstrip("*_ #\t")[len(word) :].lstrip()
        # A label needs a number, a numeral or a colon after it: "Module 3", "Day one:", "Part II".
        if rest[:1].isdigit() or rest[:1] in (":", "#", "-", "–", "—") or rest[:2].isupper():
            return word, FRAME_RANKS.get(word, MODULE_RANK)
        if word in FRAME_RANKS and word not in ("day", "week", "part", "phase"):
            return word, FRAME_RANKS[word]  # "Tuesday, March 4", "Morning"
        if _first_word(rest) in ("one", "two", "three", "four", "five", "six", "seven", "eight"):
            return word, FRAME_RANKS.get(word, MODULE_RANK)
    if word in MONTHS:
        rest = text.lstrip("*_ #\t")[len(word) :].lstrip(" .")
        if rest[:1].isdigit():
            return "date", 2
    return "", MODULE_RANK


def _opens_with_time(text: str) -> bool:
    """ "noon–12:30 p.m. Lunch": a line that opens with a time is an entry of its own."""
    value = find_duration(text)
    return value is not None and value.start == 0


HOURS_BELOW_LINES = 3


def _hours_below(lines: list[str], offset: int) -> bool:
    """True when a line holding only a duration follows within a few lines, before a blank one.

    Text copied from a PDF puts a part's hours on a line of their own under its title
    ("FIELD COMPONENT (not instructional)" / two lines of description / "4 hours"); a "Time:"
    line does the same.
    """
    for line in lines[offset + 1 : offset + 1 + HOURS_BELOW_LINES]:
        text = line.strip()
        if not text:
            return False
        value = find_duration(text)
        if value is not None and not strip_duration(text, value).strip(" ()[].:-–—"):
            return True
        pair = field_pair(_strip_emphasis(text)[0])
        if pair is not None and pair[0] in TIME_KEYS and find_duration(pair[1]) is not None:
            return True  # "**Final Skills Check-Off**" / "Time: 1 hr"
    return False


TIME_KEYS = frozenset({"time", "duration", "length", "hours", "duracion", "tiempo", "horas"})


MAX_CAPS_HEADING_CHARS = 200


def _is_caps_heading(text: str) -> bool:
    """A line in capitals ("SCHEDULE OF INSTRUCTION", "FIELD COMPONENT (not instructional)").

    A remark in brackets after the capitals may be in lower case.
    """
    if len(text) > MAX_CAPS_HEADING_CHARS:
        return False
    bracket = text.find("(")
    head = text[:bracket] if bracket > 0 and text.rstrip().endswith(")") else text
    if head != head.upper():
        return False  # a lower-case letter: most lines are decided here
    return sum(ch.isalpha() for ch in head) >= 4


FIELD_WORDS = frozenset(
    [
        "duration",
        "length",
        "time",
        "hours",
        "hour",
        "horas",
        "duracion",
        "tiempo",
        "competency",
        "competencies",
        "competencias",
        "aligns",
        "aligned",
        "alignment",
        "covers",
        "standards",
        "cc",
        "maps",
        "assessment",
        "assessed",
        "evaluation",
        "evaluacion",
        "description",
        "objectives",
        "objective",
        "topics",
        "format",
        "delivery",
        "provider",
        "program",
        "title",
        "course",
        "version",
        "language",
        "prerequisite",
        "prerequisites",
        "total",
        "schedule",
        "dates",
        "date",
        "location",
        "contact",
        "instructor",
        "trainer",
        "facilitator",
        "audience",
        "fee",
        "cost",
        "modality",
        "descripcion",
        "objetivos",
        "temas",
        "proveedor",
        "programa",
        "titulo",
        "curso",
        "horario",
        "fecha",
        "fechas",
        "lugar",
        "contacto",
        "instructora",
        "instructor",
        "modalidad",
        "requisito",
        "credits",
        "ce",
        "credit",
        "creditos",
        "ceus",
        "ceu",
    ]
)


def field_pair(text: str) -> tuple[str, str] | None:
    """ "Key: value" with a short key naming a known detail (duration, competencies…), as (folded key, value)."""
    colon = text.find(":")
    if colon <= 0 or colon > 60:
        return _leader_pair(text)
    key = text[:colon].replace("*", "").replace("_", " ").strip()
    value = text[colon + 1 :].replace("**", "").strip()
    return _known_pair(key, value)


# A key set apart from its number by a run of spaces or dots, as a form or a printed summary sets
# it ("Total hours credited      35.0", "Contact hours ........ 6"). Read by hand, like every line.
LEADER_CHARS = " .…"


def _leader_pair(text: str) -> tuple[str, str] | None:
    """ "Key      40" without a colon, when the key names a known detail and a number follows."""
    digit = next((i for i, ch in enumerate(text) if ch.isdigit()), None)
    if digit is None:
        return None
    key = text[:digit].rstrip(LEADER_CHARS)
    leader = text[len(key) : digit]
    if not key or len(key) > 60 or not ("   " in leader or "..." in leader or "…" in leader):
        return None
    value = text[digit:].strip()
    if len(value.split()) > 3:
        return None  # a number opening a sentence or a row, not a value
    return _known_pair(key.replace("*", "").strip(), value)


def _known_pair(key: str, value: str) -> tuple[str, str] | None:
    if not key or len(key.split()) > MAX_KEY_WORDS:
        return None
    if not all(ch.isalpha() or ch in " &/-'()" for ch in key):
        return None
    folded = fold(" ".join(key.split()))
    if not FIELD_WORDS & set(folded.replace("/", " ").replace("(", " ").replace(")", " ").split()):
        return None  # "Foundations: Hope, recovery and wellness" is a title with a colon
    return folded, value


FIELD_SEPARATORS = (" · ", " | ", " • ")


def _fields(text: str, first: tuple[str, str]) -> list[tuple[str, str]]:
    """The fields of one line: "Dates: 14–19 April · Course hours: 40" holds two.

    A segment that is not a field of its own continues the value before it ("Location: Hall A ·
    Room 3").
    """
    separator = next((sep for sep in FIELD_SEPARATORS if sep in text), None)
    if separator is None:
        return [first]
    pairs: list[tuple[str, str]] = []
    for segment in text.split(separator):
        pair = field_pair(segment.strip())
        if pair is None and _only_duration(segment):
            pair = ("hours", segment.strip())  # "Delivery: in person · 40 contact hours · …"
        if pair is not None:
            pairs.append(pair)
        elif pairs:
            key, value = pairs[-1]
            pairs[-1] = (key, f"{value}{separator}{segment.strip()}")
        else:
            return [first]
    return pairs if len(pairs) > 1 else [first]


def _timed_line(node: Node) -> bool:
    """A plain line that ends or opens with its own hours ("Hope and recovery (4 hours)")."""
    if node.kind != "para":
        return False
    value = find_duration(node.text)
    if value is None:
        return False
    return value.start == 0 or not node.text[value.end :].strip(" )].")


def _only_duration(text: str) -> bool:
    """A segment that is nothing but a duration ("40 contact hours", "6 hrs")."""
    value = find_duration(text)
    return value is not None and not value.clock and not strip_duration(text, value)


def _title_over_code(row: Node) -> None:
    """A row whose title cell is a course code ("ETH-310A") takes its title from the cell of
    words beside it; the code stays with the row as its "code"."""
    title, other = row.cells.get("title", ""), row.cells.get("other", "")
    if is_code(title) and other and any(ch.isalpha() for ch in other) and not is_code(other):
        row.cells["code"], row.cells["title"] = title, other
        del row.cells["other"]


def _is_separator_row(stripped: str) -> bool:
    return all(ch in "|:- \t" for ch in stripped) and "-" in stripped


def _cells(stripped: str) -> list[str]:
    inner = stripped.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [" ".join(cell.replace("**", "").split()) for cell in inner.split("|")]


def build_outline(lines: list[str], first_line: int = 1, *, budget: Budget | None = None) -> Node:
    """The outline of ``lines`` (numbered from ``first_line``), each block counted in ``budget``."""
    builder = _Builder(lines, first_line, budget or Budget())
    for offset, raw in enumerate(lines):
        builder.read(offset, raw)
    return builder.root


@dataclass
class _Line:
    """One non-blank line as the builder meets it."""

    stripped: str
    number: int
    offset: int
    indent: int


class _Builder:
    """Reads lines one at a time into the outline: one method per kind of line.

    The stack holds the open containers (headings, list items); a new block closes every open
    block whose key is not below its own, then joins the innermost one left.
    """

    def __init__(self, lines: list[str], first_line: int, budget: Budget):
        self.lines, self.first_line, self.budget = lines, first_line, budget
        self.root = Node("root", "", 0, key=(0, 0, 0))
        self.stack: list[Node] = [self.root]
        self.roles: dict[int, str] | None = None  # the open table's column roles
        self.hour_columns: tuple[HourColumn, ...] = ()  # the open table's hour columns
        self.counts_at: int | None = None  # the open table's "counts toward hours" column
        self.aligned_width: int | None = None  # cells of the open tab- or space-aligned table
        self.suspended: dict[int, str] | None = None  # roles of an aligned table a blank cut
        self.unclear: tuple[HourColumn, ...] = ()  # hour columns that may be parts or restatements
        self.in_code = False
        self.previous_blank = True
        self.last_item_indent = -1

    def attach(self, node: Node, *, container: bool) -> None:
        while len(self.stack) > 1 and self.stack[-1].key >= node.key:
            self.stack.pop()
        node.parent = self.stack[-1]
        self.stack[-1].children.append(node)
        if container and len(self.stack) <= MAX_DEPTH:
            self.stack.append(node)

    def add(self, node: Node) -> None:
        """A block that opens nothing (a field, a paragraph) joins the innermost open block."""
        node.parent = self.stack[-1]
        self.stack[-1].children.append(node)

    def read(self, offset: int, raw: str) -> None:
        text = raw.replace("\t", "    ").rstrip()
        stripped = text.strip()
        if stripped.startswith(("```", "~~~")):
            self.in_code = not self.in_code
            return
        if self.in_code:
            return
        if not stripped:
            if self.roles is not None and self.aligned_width is not None:
                self.suspended = self.roles  # a page break may fall inside an aligned table
            self.previous_blank, self.roles = True, None
            return
        self.budget.node()  # each line read becomes (or joins) one block
        line = _Line(stripped, self.first_line + offset, offset, len(text) - len(text.lstrip(" ")))
        if stripped.startswith("|") or (self.roles is not None and "|" in stripped):
            self.table_line(line)
            return
        self.resume_aligned(raw, offset)
        width = self.aligned_width if self.roles is not None else None
        if (cells := tabbed_row(raw, self.lines, offset, width)) is not None:
            self.tabbed_line(cells, line)
            return
        self.roles = None
        for reader in (self.heading, self.thematic_break, self.setext_heading, self.list_item):
            if reader(line):
                return
        self.plain_line(line)
        self.previous_blank = False

    def table_line(self, line: _Line) -> None:
        stripped = line.stripped
        if _is_separator_row(stripped):
            return
        cells = _cells(stripped)
        following = self.lines[line.offset + 1].strip() if line.offset + 1 < len(self.lines) else ""
        self.previous_blank = False
        self.aligned_width = None
        if self.roles is None and following and _is_separator_row(following):
            self.open_header(cells, line.offset)
            return
        if self.roles is None:
            self.roles = {0: "title"} if len(cells) == 1 else column_roles([""] * len(cells))
            self.hour_columns, self.counts_at, self.unclear = (), None, ()
        self.table_row(cells, line)

    def open_header(self, cells: list[str], offset: int) -> None:
        rows = self.rows_below(offset)
        self.roles, self.counts_at = column_roles(cells, rows), counts_column(cells)
        self.hour_columns = judge_columns(hour_columns(cells), rows)
        self.unclear = unclear_columns(self.hour_columns, rows)

    def rows_below(self, offset: int) -> list[list[str]]:
        """The cells of the table's lines under its header, up to the first blank line."""
        rows = []
        for raw in self.lines[offset + 1 : offset + 1 + MAX_LOOKAHEAD_ROWS]:
            stripped = raw.strip()
            if not stripped:
                break
            if stripped.startswith("|"):
                if not _is_separator_row(stripped):
                    rows.append(_cells(stripped))
            else:
                rows.append(split_aligned(raw))
        return rows

    def resume_aligned(self, raw: str, offset: int) -> None:
        """An aligned table cut by blank lines (a page break, its header and footer blanked)
        goes on when the next line has the table's cells, column for column."""
        suspended, self.suspended = self.suspended, None
        if suspended is None or self.roles is not None or self.aligned_width is None:
            return
        if tabbed_row(raw, self.lines, offset, self.aligned_width) is not None:
            self.roles = suspended

    def tabbed_line(self, cells: list[str], line: _Line) -> None:
        """A line of a tab- or space-aligned table (an export, a PDF): the first is the header."""
        self.previous_blank = False
        if self.roles is None or self.aligned_width is None:
            self.open_header(cells, line.offset)
            self.aligned_width = len(cells)
            return
        self.table_row(cells, line)

    def table_row(self, cells: list[str], line: _Line) -> None:
        pair = field_pair(f"{cells[0]}: {cells[1]}") if len(cells) == 2 and cells[0] else None
        if pair is not None and not any(r in ("hours", "time") for r in self.roles.values()):
            # "| **Total Hours** | 40 |" in a table of course details is a field.
            self.add(Node("field", pair[1], line.number, field_key=pair[0]))
            return
        if sums_parts(cells, self.hour_columns):
            # "| Total | | 28 | 12 |" under synchronous and asynchronous columns restates the rows.
            self.add(Node("para", " | ".join(c for c in cells if c), line.number))
            return
        row = Node("row", " | ".join(c for c in cells if c), line.number)
        row.stated_hours = row_hours(cells, self.hour_columns)
        row.counted = counted_flag(cells, self.counts_at)
        row.unit_guessed = guessed_header(cells, self.hour_columns) if row.stated_hours else ""
        if self.unclear and row.stated_hours is None:
            row.parts_sum = parts_sum(cells, self.unclear)
            row.parts_headers = ", ".join(c.header for c in self.unclear)
        for index, cell in enumerate(cells):
            role = self.roles.get(index, "other")
            if cell:
                row.cells[role] = (row.cells.get(role, "") + " " + cell).strip()
        _title_over_code(row)
        row.label, row.frame_rank = label_of(row.cells.get("title", ""))
        row.key = (8, 0, MODULE_RANK)
        self.attach(row, container=False)

    def heading(self, line: _Line) -> bool:
        """A Markdown heading ("## Day 2") or one from a Word heading style."""
        level = _heading_level(line.stripped)
        if not level:
            return False
        text, _ = _strip_emphasis(line.stripped[level:].strip().rstrip("#").strip())
        node = Node("heading", text, line.number)
        node.label, node.frame_rank = label_of(text)
        node.key = (level, node.frame_rank, 0)
        self.attach(node, container=True)
        self.previous_blank, self.last_item_indent = False, -1
        return True

    def thematic_break(self, line: _Line) -> bool:
        """---, *** or ___ after a blank line ends the part opened by a plain line."""
        compact = line.stripped.replace(" ", "")
        if not self.previous_blank or len(compact) < 3 or len(set(compact)) != 1:
            return False
        if compact[0] not in "-*_":
            return False
        while len(self.stack) > 1 and self.stack[-1].key[0] >= 7:
            self.stack.pop()
        return True

    def setext_heading(self, line: _Line) -> bool:
        """A line of === or --- under a paragraph line makes it a heading."""
        stripped = line.stripped
        if not set(stripped) <= set("=-") or len(stripped) < 3 or self.previous_blank:
            return False
        parent = self.stack[-1]
        if parent.children and parent.children[-1].kind == "para":
            para = parent.children.pop()
            heading = Node("heading", para.text, para.line)
            heading.label, heading.frame_rank = label_of(para.text)
            heading.key = (1 if stripped[0] == "=" else 2, heading.frame_rank, 0)
            self.attach(heading, container=True)
        self.previous_blank = False
        return True

    def list_item(self, line: _Line) -> bool:
        marker = _list_marker(line.stripped)
        if not marker:
            return False
        text, bold = _strip_emphasis(line.stripped[marker:])
        node = Node("item", text, line.number, bold=bold)
        node.label, node.frame_rank = label_of(text)
        node.key = (8, line.indent + 1, node.frame_rank)
        self.attach(node, container=True)
        self.previous_blank, self.last_item_indent = False, line.indent
        return True

    def plain_line(self, line: _Line) -> None:
        """A labelled part, a bold or capitalised cue heading, a field line or a paragraph."""
        text, bold = _strip_emphasis(line.stripped)
        pair = field_pair(text)
        label, rank = label_of(text)
        heading_like = bold or _is_caps_heading(text)
        if (
            self.stack[-1].kind == "item"
            and line.indent <= self.last_item_indent
            and (self.previous_blank or label or heading_like or pair)
        ):
            # An unindented part, field or paragraph after a blank line ends the list.
            while len(self.stack) > 1 and self.stack[-1].kind == "item":
                self.stack.pop()
        in_item = self.stack[-1].kind == "item"
        if label and not heading_like and (label == "date" or label in WEEKDAYS):
            label, rank = "", MODULE_RANK  # "Tuesday, February 4, 6:00–7:30 p.m." is a detail line
        if label and not (pair and pair[0] == label) and not in_item:
            self.labelled_part(text, line, label, rank, bold)
        elif heading_like and not pair and not in_item:
            self.cue_heading(text, line)
        elif pair is not None and not label:
            for key, value in _fields(text, pair):
                self.add(Node("field", value, line.number, field_key=key))
        else:
            self.paragraph(text, line, label, rank)

    def labelled_part(self, text: str, line: _Line, label: str, rank: int, bold: bool) -> None:
        """ "Module 3: Trauma-informed care (4 hours)" on a line of its own opens a part."""
        node = Node("heading", text, line.number, label=label, frame_rank=rank, bold=bold)
        node.key = (7, rank, 0)
        # "Module 6: …" after "## Module 5" is the next module, not a part of module 5.
        same = next(
            (n for n in reversed(self.stack) if n.label == label and n.kind == "heading"), None
        )
        if same is not None:
            node.key = same.key
        self.attach(node, container=True)

    def cue_heading(self, text: str, line: _Line) -> None:
        """A bold or capitalised line with a duration is a part like the labelled ones; without
        one it is a sub-heading inside the current part ("Learning objectives")."""
        own = find_duration(text)
        siblings = self.stack[-1].children
        if own is not None and siblings and _timed_line(siblings[-1]):
            # "CPR (45 min)" in bold after "Hope and recovery (4 hours)": one more timed line.
            self.add(Node("para", text, line.number, bold=True))
            return
        node = Node("heading", text, line.number, bold=True)
        timed = own is not None or _hours_below(self.lines, line.offset)
        node.key = (7, MODULE_RANK, 0 if timed else 1)
        self.attach(node, container=True)

    def paragraph(self, text: str, line: _Line, label: str, rank: int) -> None:
        siblings = self.stack[-1].children
        last = siblings[-1] if siblings else None
        if (
            last is not None
            and last.kind == "para"
            and not self.previous_blank
            and len(last.text) < MAX_PARAGRAPH_CHARS
            and (
                ends_open(last.text)
                or ((text[:1].islower() or text[:1] in "(,;") and not _opens_with_time(text))
            )
        ):
            # A line that starts in lower case, or follows a line that stops mid-sentence
            # ("… must have completed the" / "80-hour core training …"), continues it.
            last.text = f"{last.text} {text}"
        else:
            self.add(Node("para", text, line.number, label=label, frame_rank=rank))
