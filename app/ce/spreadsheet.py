"""CE records as people keep them: the cell values and column layouts of real spreadsheets (pure).

Reads what a peer's own CE log holds: topic names of App. C 3.C (any case or punctuation, the
common shortenings) as well as ids, US ``MM/DD/YYYY`` and ISO dates, ``Yes``/``Y``/``TRUE``/``x``,
``1.5`` or ``1.5 hrs``, and the column names other tools use (``Course Name``, ``Completion
Date``, ``Credit Hours``…). Nothing is guessed silently: an ambiguous or impossible date is
refused with its line, a layout other than the exchange format is shown for confirmation, and a
value the file lacks (the source) is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from app.ce.rules import ACCEPTED_SOURCES, ENTRY_FIELDS, normalized
from app.dates import DateReading as DateReading  # read here by the CE CSV reader
from app.dates import read_date
from app.messages import Message

# --- yes / no ---------------------------------------------------------------------------------

YES = frozenset({"yes", "y", "true", "t", "x", "1", "✓", "✔", "☑", "le", "l e", "l and e"})
NO = frozenset({"no", "n", "false", "f", "0", "-", "–", "none", "n a", "na", "☐"})


def yes_no(value: str) -> bool | None:
    """True, False, or None when the cell is neither (a blank is None too)."""
    text = value.strip()
    if text in ("✓", "✔", "☑", "☐", "-", "–"):
        return text not in ("☐", "-", "–")
    key = normalized(text)
    if key in YES:
        return True
    if key in NO:
        return False
    return None


# --- hours ------------------------------------------------------------------------------------

_NUMBER = r"(\d+(?:[.,]\d{1,2})?|\d*\.\d+)"
_HOUR_WORDS = (
    r"h|hr|hrs|hour|hours|ce|ces|ceu|ceus|ce hours?|ce credits?|credits?|credit hours?|"
    r"contact hours?|clock hours?|cehs?|ch"
)
_HOURS = re.compile(rf"^{_NUMBER}\s*(?:{_HOUR_WORDS})?\.?$")
_MINUTES = re.compile(rf"^{_NUMBER}\s*(?:m|min|mins|minutes?)\.?$")
_HOURS_MINUTES = re.compile(
    r"^(\d+)\s*(?:h|hr|hrs|hours?)\.?\s*(\d{1,2})\s*(?:m|min|mins|minutes?)\.?$"
)
_UNITS = re.compile(rf"^{_NUMBER}\s*(?:academic |semester )?units?\.?$")
MAX_HOURS = 1000


@dataclass(frozen=True)
class Amount:
    """Hours or academic units read from a cell, or the reason it cannot be read."""

    hours: float | None = None
    units: float | None = None
    error: str = ""


def _to_float(text: str) -> float:
    return float(text.replace(",", "."))


def amount(value: str, *, as_units: bool = False) -> Amount:
    """``1.5``, ``1.5 hrs``, ``2.00``, ``90 min``, ``1 hr 30 min``, ``3 units``; ranges refused."""
    text = value.strip().casefold()
    if not text:
        return Amount()
    found: float | None = None
    units = as_units
    if m := _HOURS.match(text):
        found = _to_float(m.group(1))
    elif m := _MINUTES.match(text):
        found = round(_to_float(m.group(1)) / 60, 2)
    elif m := _HOURS_MINUTES.match(text):
        found = int(m.group(1)) + int(m.group(2)) / 60
    elif m := _UNITS.match(text):
        found, units = _to_float(m.group(1)), True
    if found is None:
        if re.search(r"\d\s*(?:-|–|to)\s*\d", text):
            return Amount(
                error=Message(
                    "%(value)s is a range; give the hours on the certificate",
                    value=repr(value.strip()),
                )
            )
        if re.search(r"approx|about|varies|~", text):
            return Amount(
                error=Message(
                    "%(value)s is not exact; give the hours on the certificate",
                    value=repr(value.strip()),
                )
            )
        return Amount(
            error=Message("%(value)s is not a number of hours", value=repr(value.strip()))
        )
    if not 0 < found <= MAX_HOURS:
        return Amount(error=Message("must be more than 0 and at most %(most)s", most=MAX_HOURS))
    return Amount(units=found) if units else Amount(hours=found)


# --- dates ------------------------------------------------------------------------------------


_RANGE = re.compile(r"^(.+?)\s+(?:to|through|thru|-|–|—)\s+(.+)$")


def read_date_range(value: str) -> tuple[DateReading, DateReading | None]:
    """A cell holding one date, or two (``03/14/2025 - 03/16/2025``, ``May 5 to May 30, 2025``)."""
    single = read_date(value)
    if single.value or single.day_first:
        return single, None
    if m := _RANGE.match(value.strip()):
        first, last = read_date(m.group(1)), read_date(m.group(2))
        if not first.value and last.value and re.match(r"^[A-Za-z]+\.?\s+\d{1,2}$", m.group(1)):
            first = read_date(f"{m.group(1)}, {last.value.year}")  # "May 5 to May 30, 2025"
        if first.value and last.value:
            return first, last
    return single, None


# --- choices ----------------------------------------------------------------------------------

_FORMAT_WORDS = {
    "in_person": (
        "in person",
        "inperson",
        "in_person",
        "face to face",
        "classroom",
        "onsite",
        "on site",
        "live in person",
        "ip",
    ),
    "online_live": (
        "online_live",
        "online live",
        "live online",
        "live virtual",
        "virtual live",
        "zoom",
        "webinar",
        "live webinar",
        "virtual",
        "teams",
        "online synchronous",
        "synchronous",
        "online live webinar",
        "live",
    ),
    "asynchronous": (
        "asynchronous",
        "async",
        "self paced",
        "selfpaced",
        "self paced online",
        "on demand",
        "ondemand",
        "recorded",
        "online self paced",
        "home study",
        "online asynchronous",
        "online on demand",
        "e learning",
        "elearning",
    ),
}
FORMAT_NAMES = {normalized(w): fmt for fmt, words in _FORMAT_WORDS.items() for w in words}

_SOURCE_WORDS = {
    "calmhsa_ce_provider": (
        "calmhsa_ce_provider",
        "calmhsa ce provider",
        "calmhsa ce approved provider",
        "calmhsa approved ce provider",
        "calmhsa ce approved training provider",
        "calmhsa",
        "calmhsa approved",
        "ce provider",
    ),
    "calmhsa_training_provider": (
        "calmhsa_training_provider",
        "calmhsa training provider",
        "calmhsa approved training provider",
        "pre approved course",
        "preapproved course",
        "approved training provider",
    ),
    "county_behavioral_health": (
        "county_behavioral_health",
        "county",
        "county behavioral health",
        "county bh",
        "county behavioral health department",
        "county network provider",
        "county contractor",
        "county contracted provider",
    ),
    "accredited_school": (
        "accredited_school",
        "accredited school",
        "school",
        "college",
        "university",
        "community college",
        "vocational school",
        "vocational education",
    ),
    "licensing_board": (
        "licensing_board",
        "licensing board",
        "certification board",
        "board",
        "professional certification or licensing board",
        "professional board",
    ),
    "other": ("other", "none of these", "not approved"),
}
SOURCE_NAMES = {normalized(w): src for src, words in _SOURCE_WORDS.items() for w in words}
SOURCE_NAMES.update({normalized(label): src for src, label in ACCEPTED_SOURCES.items()})


def choice(value: str, names: Mapping[str, str]) -> str | None:
    return names.get(normalized(value))


# --- law-and-ethics topics ----------------------------------------------------------------------

# Shortenings people write for the topics of App. C 3.C, beyond the titles and the catalog's
# keywords (ours, not the Guidelines').
SHORTENINGS = {
    "le-1": ("california law", "california law and ethics", "ca law and ethics", "ca law"),
    "le-2": ("minors", "treatment of minor", "minor treatment", "minor consent"),
    "le-3": (
        "confidentiality",
        "confidentiality laws",
        "state and federal confidentiality",
        "hipaa",
        "42 cfr",
        "42 cfr part 2",
        "privacy",
        "confidentiality and privacy",
    ),
    "le-4": ("records", "documentation", "recordkeeping"),
    "le-5": ("crisis", "crisis intervention"),
    "le-6": ("client access", "access to records", "client records access"),
    "le-7": ("dual relationship", "boundaries", "boundaries and dual relationships"),
    "le-8": (
        "child abuse",
        "elder abuse",
        "child and elder abuse",
        "mandated reporting",
        "abuse reporting",
        "child elder and dependent adult abuse",
    ),
    "le-9": ("telehealth", "telehealth service"),
    "le-10": ("insurance", "reimbursement", "billing"),
    "le-11": ("liability",),
    "le-12": ("disciplinary actions", "unprofessional conduct", "discipline"),
    "le-13": ("ethics complaints", "ethical standards", "code of ethics"),
    "le-14": ("standard of care",),
    "le-15": ("family law",),
    "le-16": ("disclosures", "client disclosures", "disclosure to clients"),
    "le-17": ("work settings", "legal and ethical standards in work settings"),
}
# Cells that say "law and ethics" without naming a topic.
GENERIC_LAW_ETHICS = frozenset(
    normalized(w)
    for w in (
        "law and ethics",
        "law & ethics",
        "l&e",
        "le",
        "ethics",
        "law/ethics",
        "legal and ethics",
        "legal and ethical",
        "legal/ethical",
        "ethics and law",
        "law ethics",
        "ethics & law",
    )
)


def _key(text: str) -> str:
    """A topic name compared without case, punctuation or a plural s."""
    words = normalized(text).split()
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words
    )


STOPWORDS = frozenset({"and", "or", "of", "to", "in", "the", "a", "for", "on", "with"})
_ID = re.compile(r"^(?:le|l e|topic|3 c)\s*(\d{1,2})$")


class TopicIndex:
    """Law-and-ethics topics by id, title, keyword and shortening (App. C 3.C)."""

    def __init__(self, topics: Iterable[tuple[str, str, Iterable[str]]]):
        self.ids: dict[str, str] = {}
        self.names: dict[str, str] = {}
        ambiguous: set[str] = set()
        listed = list(topics)
        for topic_id, title, _keywords in listed:
            self.ids[topic_id.casefold()] = topic_id
            self.names[_key(title)] = topic_id
        for topic_id, _title, keywords in listed:
            for word in (*keywords, *SHORTENINGS.get(topic_id, ())):
                key = _key(word)
                if key in self.names and self.names[key] != topic_id:
                    ambiguous.add(key)
                self.names.setdefault(key, topic_id)
        for key in ambiguous:
            if key not in {_key(t) for _, t, _ in listed}:
                self.names.pop(key, None)
        self.title_words = {
            topic_id: set(_key(title).split()) - STOPWORDS for topic_id, title, _ in listed
        }

    @classmethod
    def from_catalog(cls, topics: Iterable) -> TopicIndex:
        """From the catalog's ``LawEthicsTopic`` objects (id, title, keywords)."""
        return cls((t.id, t.title, t.keywords) for t in topics)

    @classmethod
    def from_ids(cls, ids: Iterable[str]) -> TopicIndex:
        return cls((i, i, ()) for i in ids)

    def find(self, text: str) -> str | None:
        """The id a cell names, or None."""
        text = text.strip()
        if text.casefold() in self.ids:
            return self.ids[text.casefold()]
        if m := _ID.match(normalized(text)):
            return self.ids.get(f"le-{int(m.group(1))}")
        key = _key(text)
        if key in self.names:
            return self.names[key]
        return self._short_form(key)

    def _short_form(self, key: str) -> str | None:
        """A shortened title: its words all in one topic's title, and in no other's."""
        words = set(key.split()) - STOPWORDS
        if not words:
            return None
        matches = [t for t, title in self.title_words.items() if words <= title]
        return matches[0] if len(matches) == 1 else None

    def read(self, value: str) -> tuple[list[str], list[str], bool]:
        """Topic ids named in a cell, the names not recognised, and whether it says law and ethics."""
        found: list[str] = []
        unknown: list[str] = []
        generic = False
        for part in re.split(r"[;|\n]", value):
            part = part.strip().strip(".")
            if not part:
                continue
            if normalized(part) in GENERIC_LAW_ETHICS:
                generic = True
                continue
            topic = self.find(part)
            if topic is not None:
                found.append(topic)
                continue
            pieces = [p.strip() for p in re.split(r",|/| and (?=[A-Z])", part) if p.strip()]
            i = 0
            while i < len(pieces):
                if normalized(pieces[i]) in GENERIC_LAW_ETHICS:  # "law and ethics" names no topic
                    generic = True
                    i += 1
                    continue
                for j in range(len(pieces), i, -1):
                    topic = self.find(", ".join(pieces[i:j]))
                    if topic is not None:
                        found.append(topic)
                        i = j
                        break
                else:
                    unknown.append(pieces[i])
                    i += 1
        return list(dict.fromkeys(found)), unknown, generic or bool(found)


# --- column layouts ---------------------------------------------------------------------------

# Header names other tools use for each field (compared case- and punctuation-insensitively).
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "title": (
        "title",
        "course",
        "course name",
        "course title",
        "training",
        "training title",
        "training name",
        "name of course",
        "name of training",
        "activity",
        "activity title",
        "event",
        "event name",
        "program title",
        "session title",
        "workshop",
        "class",
        "ce course",
        "course training title",
        "title of course",
        "description",
    ),
    "provider": (
        "provider",
        "provider name",
        "training provider",
        "ce provider",
        "sponsor",
        "sponsoring organization",
        "organization",
        "offered by",
        "presented by",
        "vendor",
        "agency",
        "host",
        "trainer organization",
    ),
    "start_date": (
        "start_date",
        "start date",
        "date",
        "date attended",
        "course date",
        "training date",
        "attended",
        "date of training",
        "date of course",
        "dates",
        "from",
        "begin date",
        "session date",
        "event date",
        "when",
        "date taken",
    ),
    "end_date": (
        "end_date",
        "end date",
        "completion date",
        "date completed",
        "completed",
        "completed on",
        "to",
        "finish date",
        "date of completion",
        "last day",
    ),
    "hours": (
        "hours",
        "credit hours",
        "ce hours",
        "ceu",
        "ceus",
        "ce credits",
        "credits",
        "hrs",
        "contact hours",
        "clock hours",
        "hours earned",
        "ce hours earned",
        "credit",
        "ces",
        "number of hours",
        "total hours",
        "duration hours",
        "duration",
        "hours completed",
        "instruction hours",
        "ce",
    ),
    "units": ("units", "academic units", "semester units", "college units"),
    "format": (
        "format",
        "delivery",
        "delivery method",
        "modality",
        "mode",
        "delivery format",
        "in person online",
        "type of training",
        "training format",
        "method",
    ),
    "source": (
        "source",
        "provider type",
        "approval",
        "approved by",
        "approving body",
        "accreditation",
        "approval type",
        "source type",
        "approved provider type",
    ),
    "law_ethics": (
        "law_ethics",
        "law and ethics",
        "law ethics",
        "l e",
        "ethics",
        "counts as law and ethics",
        "law and ethics y n",
        "is law and ethics",
        "law ethics hours",
        "law and ethics yes no",
        "legal and ethics",
    ),
    "law_ethics_topics": (
        "law_ethics_topics",
        "law and ethics topics",
        "law ethics topics",
        "topics",
        "topic",
        "l e topic",
        "l e topics",
        "law and ethics topic",
        "ethics topic",
        "le topic",
        "le topics",
        "app c 3 c topic",
    ),
    "evidence": (
        "evidence",
        "certificate",
        "certificate file",
        "proof",
        "documentation",
        "attachment",
        "attachments",
        "certificate on file",
        "file",
        "files",
        "documents",
    ),
    "category": ("category", "ce category", "type", "content area", "domain", "subject area"),
}
HEADER_FIELDS = {
    normalized(name): field_name for field_name, names in HEADER_NAMES.items() for name in names
}
NATIVE = tuple(ENTRY_FIELDS)
# After the exchange columns an export adds when and why an entry was withdrawn (its report fell
# after the peer's dispute, app.ce.disputes); empty for an entry that stands. Read back, they
# mark the row withdrawn (app.ce.transfer does not import such a row).
WITHDRAWN_COLUMNS = ("withdrawn_on", "withdrawn_reason")
# The exchange columns as a Spanish export heads them (app.i18n.exports.ce_record_header writes
# them from the catalogue; tests/ce/test_export_es.py checks the two agree). A file headed with
# them is the exchange format itself, so a Spanish download is imported again as it is.
SPANISH_EXCHANGE = {
    "title": "Título",
    "provider": "Proveedor",
    "start_date": "Fecha de inicio",
    "end_date": "Fecha de fin",
    "format": "Modalidad",
    "hours": "Horas",
    "units": "Unidades",
    "source": "Fuente",
    "law_ethics": "Ley y ética",
    "law_ethics_topics": "Temas de ley y ética",
    "evidence": "Evidencia",
    "withdrawn_on": "Retirada el",
    "withdrawn_reason": "Motivo del retiro",
}
EXCHANGE_ALIASES = {normalized(label): name for name, label in SPANISH_EXCHANGE.items()}
HEADER_FIELDS.update(EXCHANGE_ALIASES)
# What a row needs; each is named, with examples of headers, when a layout lacks it.
NEEDED = {
    "title": Message("a course title (e.g. title, Course Name)"),
    "start_date": Message("a date (e.g. %(field)s, Date, Completion Date)", field="start_date"),
    "hours": Message("hours or units (e.g. hours, Credit Hours, units)"),
    "provider": Message("a provider (e.g. provider, Provider, Sponsor)"),
}
# Fields a layout may lack that the peer is asked for (the same for every row).
ASKED = ("source", "format")


@dataclass
class Layout:
    """Which column holds which field; ``native`` when it is the exchange format itself."""

    header: list[str]
    header_line: int
    columns: dict[str, int] = field(default_factory=dict)  # field -> column index
    ignored: list[str] = field(default_factory=list)
    native: bool = False

    @property
    def missing(self) -> list[str]:
        """Descriptions of what a row needs and no column gives."""
        have = set(self.columns)
        if "end_date" in have:
            have.add("start_date")
        if "units" in have:
            have.add("hours")
        return [text for name, text in NEEDED.items() if name not in have]

    @property
    def asked(self) -> list[str]:
        return [name for name in ASKED if name not in self.columns]

    def described(self) -> list[tuple[str, str]]:
        """(column header, field) pairs, in the order of the file, for a preview."""
        by_index = {index: name for name, index in self.columns.items()}
        return [(self.header[i], by_index[i]) for i in sorted(by_index)]


def detect_layout(header: list[str], line: int = 1) -> Layout:
    """Map a header row to fields: the exchange columns, or the names other tools use."""
    cells = [h.strip().lstrip("\ufeff") for h in header]
    keys = [EXCHANGE_ALIASES.get(normalized(c), normalized(c).replace(" ", "_")) for c in cells]
    if all(name in keys for name in NATIVE):
        found = [n for n in (*NATIVE, *WITHDRAWN_COLUMNS) if n in keys]
        return Layout(cells, line, {n: keys.index(n) for n in found}, [], native=True)
    layout = Layout(cells, line)
    for index, cell in enumerate(cells):
        name = HEADER_FIELDS.get(normalized(cell))
        if name is None:
            name = _loose_header(normalized(cell))
        if name is None or name in layout.columns:
            if cell:
                layout.ignored.append(cell)
            continue
        layout.columns[name] = index
    # "Date" beside "Completion Date": the one date column is the day of completion.
    return layout


def _loose_header(key: str) -> str | None:
    """Headers with extra words: "Credit Hours (CEUs)", "Date Completed (MM/DD/YYYY)",
    alternatives ("Provider / Sponsor", "Hours or Units")."""
    for part in re.split(r"\s*/\s*|\s+or\s+", key):
        if part != key and normalized(part) in HEADER_FIELDS:
            return HEADER_FIELDS[normalized(part)]
    stripped = re.sub(r"\b(mm dd yyyy|yyyy mm dd|y n|yes no|optional|if any|s)\b", " ", key)
    stripped = " ".join(stripped.split())
    if stripped in HEADER_FIELDS:
        return HEADER_FIELDS[stripped]
    if re.search(r"\b(hour|hours|hrs|ceus?|credits?|time spent)\b", key):
        return "hours"
    if re.search(r"\b(provider|sponsor|organi[sz]ation|org|presenter)\b", key):
        return "provider"
    if re.search(r"\bcomplet", key):
        return "end_date"
    if re.search(r"\btopic", key):
        return "law_ethics_topics"
    if re.search(r"\b(course|training) (name|title)\b", key):
        return "title"
    return None


def score_header(cells: list[str]) -> int:
    """How many cells name a field (to find the header row below a title block)."""
    return sum(
        1
        for c in cells
        if normalized(c) in HEADER_FIELDS
        or normalized(c).replace(" ", "_") in NATIVE
        or (c.strip() and _loose_header(normalized(c)))
    )
