"""The interface language of a request: English or Spanish, and dates and numbers in its form.

The locale is, in order: the signed-in user's saved choice, the ``locale`` cookie the switch
sets (so a visitor's choice is remembered across visits and sign-ins), the browser's
Accept-Language, else English.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import has_request_context, request
from flask_babel import Babel, get_locale
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

LOCALES = ("en", "es")
DEFAULT_LOCALE = "en"
COOKIE = "locale"
COOKIE_MAX_AGE = 365 * 24 * 3600  # a year: a person's language rarely changes
# The switch shows each language in its own name.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}

babel = Babel()


def choose(saved: str | None, cookie: str | None, accept: Any) -> str:
    """The locale from a saved preference, the cookie, then Accept-Language, else English."""
    for candidate in (saved, cookie):
        if candidate in LOCALES:
            return candidate
    # The browser's languages best first; "es-MX" or "es-419" asks for Spanish.
    for value, _quality in accept or ():
        primary = value.split("-")[0].split("_")[0].lower()
        if primary in LOCALES:
            return primary
    return DEFAULT_LOCALE


def select_locale() -> str:
    """The locale of this request (Flask-Babel's selector)."""
    if not has_request_context():  # the CLI and the mail worker write in English
        return DEFAULT_LOCALE
    try:
        saved = getattr(current_user, "locale", None) if current_user.is_authenticated else None
    except SQLAlchemyError:  # the database is down: the error page still speaks the cookie's
        saved = None
    return choose(saved, request.cookies.get(COOKIE), request.accept_languages)


def current_locale() -> str:
    return str(get_locale() or DEFAULT_LOCALE)


# Dates and numbers on pages: English keeps the program's ISO dates; Spanish uses the long form
# of the United States' Spanish (CLDR es_US), as California's agencies write it.
FORMAT_LOCALES = {"es": "es_US"}


def format_day(value: Any) -> str:
    """A date in the page's language: ``2026-12-07`` or ``7 de diciembre de 2026``."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):  # a moment is shown by its (UTC) day, as the pages always did
        value = value.date()
    locale = current_locale()
    if locale not in FORMAT_LOCALES:
        return value.isoformat()

    return format_date(value, format="long", locale=FORMAT_LOCALES[locale])


def format_long_day(value: Any) -> str:
    """A date written out, where a page always wrote it so: ``December 07, 2026`` or
    ``7 de diciembre de 2026``."""
    if isinstance(value, date) and current_locale() not in FORMAT_LOCALES:
        return f"{value:%B %d, %Y}"
    return format_day(value)


def format_moment(value: Any) -> str:
    """A moment (UTC) in the page's language: ``2026-12-07 14:05 UTC`` or
    ``7 de diciembre de 2026, 14:05 UTC``."""
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime):
        return format_day(value)
    if current_locale() not in FORMAT_LOCALES:
        return f"{value:%Y-%m-%d %H:%M} UTC"
    return f"{format_day(value)}, {value:%H:%M} UTC"


def format_number(value: Any) -> str:
    """Hours and counts in the page's language, without needless decimals."""
    if value is None or value == "":
        return ""
    locale = current_locale()
    if locale not in FORMAT_LOCALES:
        return f"{value:g}"

    return format_decimal(value, format="#,##0.##", locale=FORMAT_LOCALES[locale])
