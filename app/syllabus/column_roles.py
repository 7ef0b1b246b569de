"""The role of each column of a table (pure): which holds the time, the hours, the competencies,
the assessment, the description and the title of its rows, read from the header's words and, for
the title, from what the rows hold."""

from __future__ import annotations

from app.syllabus.folding import fold

COLUMN_ROLES = (
    (
        "time",
        (
            "time",
            "times",
            "clock",
            "schedule",
            "when",
            "start",
            "begins",
            "from",
            "hora",
            "horario",
            "inicio",
        ),
    ),
    ("end", ("end", "ends", "finish", "until", "to", "fin", "final", "termina")),
    (
        "hours",
        (
            "hours",
            "hour",
            "hrs",
            "hr",
            "duration",
            "length",
            "contact",
            "minutes",
            "mins",
            "horas",
            "duración",
            "duracion",
            "tiempo",
            "ce",
            "credit",
            "credits",
        ),
    ),
    (
        "refs",
        (
            "competency",
            "competencies",
            "competencias",
            "standards",
            "standard",
            "covers",
            "aligns",
            "alignment",
            "tags",
            "cc",
        ),
    ),
    ("assessment", ("assessment", "assessed", "evaluation", "evaluación")),
    (
        "description",
        (
            "description",
            "objectives",
            "objective",
            "content",
            "notes",
            "outcomes",
            "subtopics",
            "topics covered",
            "descripción",
            "contenido",
            "objetivos",
        ),
    ),
    (
        "title",
        (
            "session",
            "topic",
            "topics",
            "module",
            "title",
            "activity",
            "agenda",
            "subject",
            "course",
            "unit",
            "item",
            "training",
            "tema",
            "módulo",
            "sesión",
            "actividad",
            "curso",
            "name",
        ),
    ),
)


TYPE_WORDS = frozenset({"type", "kind", "tipo"})


def column_roles(header: list[str], rows: list[list[str]] | None = None) -> dict[int, str]:
    """Which column holds the time, hours, competencies, assessment, description and title; a
    column of types ("Item type", "Tipo de actividad") classifies the rows and never titles them.
    With the table's ``rows``, the titles are in a column that holds words (see ``_worded_title``)."""
    roles: dict[int, str] = {}
    taken: set[str] = set()
    for index, name in enumerate(header):
        words = set(fold(name).replace("/", " ").replace("(", " ").replace(")", " ").split())
        for role, names in COLUMN_ROLES:
            if role == "title" and words & TYPE_WORDS:
                continue
            if role not in taken and words & {fold(n) for n in names}:
                roles[index] = role
                taken.add(role)
                break
    if "title" not in taken:
        # A column headed "Start - End Session title" (a header set out of line with its rows)
        # holds the titles: the title is what a row is about, its time a detail.
        title_names = {fold(n) for n in dict(COLUMN_ROLES)["title"]}
        for index, name in enumerate(header):
            if title_names & set(fold(name).split()) and roles.get(index) != "hours":
                roles[index] = "title"
                return _worded_title(roles, rows)
        for index in range(len(header)):
            if index not in roles:
                roles[index] = "title"
                break
    return _worded_title(roles, rows)


MIN_TITLE_LETTERS = 3  # letters a row's title cell holds on average, at the least


def _worded_title(roles: dict[int, str], rows: list[list[str]] | None) -> dict[int, str]:
    """Titles are words: when the column the header names for them holds numbers or codes
    ("Session | Title | Hours" over "1 | Who we are | 5", "# | English | Español | Hours"), the
    first column without a role that holds words titles the rows, and the next such column
    describes them (the other language of a bilingual table). Only in a table with a column of
    hours: its rows are sessions."""
    if not rows or "hours" not in roles.values():
        return roles  # a table without a column of hours (a revision history) lists no sessions

    def letters(index: int) -> float:
        return sum(ch.isalpha() for row in rows if index < len(row) for ch in row[index]) / len(
            rows
        )

    title = next((index for index, role in roles.items() if role == "title"), None)
    if title is not None and letters(title) >= MIN_TITLE_LETTERS:
        return roles
    width = max(len(row) for row in rows)
    worded = [i for i in range(width) if i not in roles and letters(i) >= MIN_TITLE_LETTERS]
    if not worded:
        return roles
    moved = {index: role for index, role in roles.items() if role != "title"}
    moved[worded[0]] = "title"
    if len(worded) > 1 and "description" not in moved.values():
        moved[worded[1]] = "description"
    return moved
