"""Messages of the pure cores and services (app.messages) in the page's language.

``translated(text)`` is the one way a page or a view shows such text: a ``Message`` is its template
looked up in the catalogue and filled in with its values in the page's language; plain text is
looked up as it is (app.i18n.data.translated). Templates reach it as the ``translated`` filter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from flask_babel import gettext

from app.i18n import data
from app.i18n.locale import current_locale, format_day, format_number
from app.messages import Listed, LongDate, Message, english


def translated(text: Any) -> Any:
    """``text`` in the page's language when the catalogue has it, else as it is."""
    if not isinstance(text, Message):
        return data.translated(text)
    if not text.params:
        return gettext(text.template)
    # The template is looked up without its values, then filled in once with the page's values.
    return gettext(text.template) % _values(text.params)


def _values(params: dict[str, Any]) -> dict[str, str]:
    """The parameters in the page's language; a competency's title (``competency`` next to its
    id under ``id`` or ``tag``, as the checker's findings give it) is its title in that language
    (competencies/terms.yaml)."""
    values = {name: _value(v) for name, v in params.items()}
    title, named = params.get("competency"), params.get("id", params.get("tag"))
    if isinstance(named, str) and isinstance(title, str) and not isinstance(title, Message):
        # Put there by app.i18n.competencies at start-up: importing it here would close a circle
        # (app.context -> app.errors -> this module -> app.i18n.competencies -> app.context).
        competency_title = current_app.extensions["competency_title"]
        values["competency"] = competency_title(named, title)
    return values


def all_translated(texts: Any) -> list[Any]:
    """Each of ``texts`` translated (the reasons of a CE entry, the messages of an import)."""
    return [translated(text) for text in texts or ()]


def _value(value: Any) -> str:
    """A value in the page's language: a message or a list of words translated, a date or a number
    in the language's form, any other text (a course title, a citation) as it is."""
    if isinstance(value, Message):
        return translated(value)
    if isinstance(value, LongDate):
        return format_day(value.day) if current_locale() != "en" else english(value)
    if isinstance(value, Listed):
        text = value.separator.join(str(translated(part)) for part in value.parts)
        return text[:1].upper() + text[1:] if value.capital else text
    if isinstance(value, (str, bool)) or current_locale() == "en":
        return english(value)
    if isinstance(value, date):
        return format_day(value)
    if isinstance(value, (int, float)):
        return format_number(value)
    return str(value)
