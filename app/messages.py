"""Text the pure cores and services give people: an English template and its values (pure).

A ``Message`` *is* its English text (a ``str``): code, logs, the CLI, CSV files, the JSON API and
tests read it as before. It also keeps its ``template`` (English, with named placeholders such as
``%(date)s``) and its ``params``, so the web edge (``app.i18n.data.translated``, the
``translated`` filter of the templates) can look the template up in the catalogue and fill in the
values in the page's language: dates and numbers in that language's form, a value that is itself
a Message translated in turn, anything else (a course title, a citation such as §207.3) as it is.

``pybabel extract`` finds the templates by the keyword ``Message`` (babel.cfg and the Makefile's
``translations`` target), so the first argument must be a literal string. In English a date is
ISO (``2026-12-07``) and a number has no needless decimals (``12``, ``7.5``), as before.
"""

from __future__ import annotations

from datetime import date
from typing import Any


def english(value: Any) -> str:
    """A parameter as the English text shows it."""
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class Message(str):
    """English text that remembers its template and parameters for translation."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        # Without parameters the template is the text (a "%" in it is then literal), as gettext.
        text = template % {k: english(v) for k, v in params.items()} if params else template
        self = super().__new__(cls, text)
        self.template = template
        self.params = params
        return self

    def __reduce__(self):  # copies (dataclasses.asdict) and pickles keep the template
        return (_rebuilt, (self.template, dict(self.params)))

    def __repr__(self) -> str:
        return f"Message({self.template!r}, {self.params!r})"


def term(text: str) -> Message:
    """A word of the program's data (a status, a source) as a Message, so the edge translates it;
    such words are marked for the catalogue where they are listed (app/i18n/data.py)."""
    return Message(text)


def _rebuilt(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


def joined(parts: list[str], separator: str = ", ") -> str:
    """Parts of a list as one parameter (each translated at the edge when it is a Message)."""
    return Listed(parts, separator)


class Listed(str):
    """A list of words given as one parameter: English joins them; the edge translates each."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: list[str], separator: str = ", ") -> Listed:
        self = super().__new__(cls, separator.join(parts))
        self.parts = tuple(parts)
        self.separator = separator
        return self

    def __reduce__(self):
        return (Listed, (list(self.parts), self.separator))
