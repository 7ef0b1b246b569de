"""The Spanish catalogue covers every marked string, keeps its placeholders, and is compiled."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "app/translations/es/LC_MESSAGES/messages.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "Message": None,  # app.messages: the pure cores' and services' messages
}
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)s|%%")


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def _catalogue():
    with PO.open("rb") as handle:
        return read_po(handle)


def _marked() -> set[object]:
    found = set()
    for directory, method in (("app", "python"), ("templates", "jinja2")):
        pattern = "**.py" if method == "python" else "**.html"
        for _name, _line, message, _comments, _context in extract_from_dir(
            ROOT / directory,
            method_map=[(pattern, method)],
            keywords=KEYWORDS,
        ):
            found.add(message)
    return found


def test_every_marked_string_has_a_spanish_translation():
    catalogue = _catalogue()
    missing = []
    for message in sorted(_marked(), key=str):
        key = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(key)
        strings = entry.string if entry is not None else ""
        if not entry or not all(strings if isinstance(strings, tuple) else (strings,)):
            missing.append(key)
    assert missing == [], f"{len(missing)} strings with no Spanish (run `make translations`)"


def test_translations_keep_every_placeholder():
    wrong = [
        m.id
        for m in _catalogue()
        if m.id
        and isinstance(m.id, str)
        and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
    ]
    assert wrong == []


def test_compiled_catalogue_matches_the_po_file():
    def pairs(catalogue):
        return {_key(m.id): _key(m.string) for m in catalogue if m.id and m.string}

    with MO.open("rb") as handle:
        compiled = pairs(read_mo(handle))
    written = pairs(_catalogue())
    assert compiled == written, "app/translations is out of date: run `make translations`"


def test_unreviewed_translations_are_flagged_and_the_flag_is_the_only_mark():
    catalogue = _catalogue()
    flags = {flag for m in catalogue if m.id for flag in m.flags}
    assert flags <= {"unreviewed", "python-format"}
    assert not any(m.fuzzy for m in catalogue if m.id), "fuzzy entries are not compiled"
