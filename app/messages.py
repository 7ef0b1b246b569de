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


class LongDate(str):
    """A date the English text writes out ("December 07, 2026"); the edge writes it in the page's
    language like any other date."""

    day: date

    def __new__(cls, day: date) -> LongDate:
        self = super().__new__(cls, f"{day:%B %d, %Y}")
        self.day = day
        return self

    def __reduce__(self):
        return (LongDate, (self.day,))


def joined(parts: list[str], separator: str = ", ") -> str:
    """Parts of a list as one parameter (each translated at the edge when it is a Message)."""
    return Listed(parts, separator)


def sentence(parts: list[str], separator: str = "; ") -> Message:
    """Problems joined into one sentence: the first letter a capital, a full stop at the end."""
    return Message("%(problems)s.", problems=Listed(parts, separator, capital=True))


class Listed(str):
    """A list of words given as one parameter: English joins them; the edge translates each.
    ``capital`` starts the joined text with a capital letter (in either language)."""

    parts: tuple[str, ...]
    separator: str
    capital: bool

    def __new__(cls, parts: list[str], separator: str = ", ", *, capital: bool = False) -> Listed:
        text = separator.join(parts)
        self = super().__new__(cls, text[:1].upper() + text[1:] if capital else text)
        self.parts = tuple(parts)
        self.separator = separator
        self.capital = capital
        return self

    def __reduce__(self):
        return (_listed, (list(self.parts), self.separator, self.capital))


def _listed(parts: list[str], separator: str, capital: bool) -> Listed:
    return Listed(parts, separator, capital=capital)
