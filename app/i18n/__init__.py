"""Interface language: English and Spanish with Flask-Babel.

The locale is, in order: the signed-in user's saved choice, the ``locale`` cookie the switch
sets (so a visitor's choice is remembered across visits and sign-ins), the browser's
Accept-Language, else English.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import Flask, has_request_context, request
from flask_babel import Babel, get_locale, refresh
from flask_login import current_user

from app.i18n.data import translated

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

    if not has_request_context():  # the CLI and the mail worker write in English
        return DEFAULT_LOCALE
    saved = getattr(current_user, "locale", None) if current_user.is_authenticated else None
    return choose(saved, request.cookies.get(COOKIE), request.accept_languages)


def current_locale() -> str:
    return str(get_locale() or DEFAULT_LOCALE)


def init_i18n(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/translations"),
    )
    app.jinja_env.globals.update(current_locale=current_locale, language_names=LANGUAGE_NAMES)
    app.jinja_env.filters.update(day=format_day, number=format_number)

    # The locale is worked out afresh for every request (an app context, and Flask-Babel's cache
    # in it, may outlive a request).
    app.before_request(refresh)

    @app.after_request
    def _vary_on_language(response):
        # The same address answers in the language the browser asks for.
        response.vary.add("Accept-Language")
        return response

    # Loaded here, by create_app: the pages these reach (context, auth) import app.errors,
    # which imports this package for its messages.
    from app.i18n.competencies import init_competency_titles  # noqa: PLC0415
    from app.i18n.views import bp  # noqa: PLC0415

    init_competency_titles(app)
    app.jinja_env.filters["translated"] = translated

    app.register_blueprint(bp)


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
    locale = current_locale()
    if locale not in FORMAT_LOCALES:
        return value.isoformat()

    return format_date(value, format="long", locale=FORMAT_LOCALES[locale])


def format_number(value: Any) -> str:
    """Hours and counts in the page's language, without needless decimals."""
    if value is None or value == "":
        return ""
    locale = current_locale()
    if locale not in FORMAT_LOCALES:
        return f"{value:g}"

    return format_decimal(value, format="#,##0.##", locale=FORMAT_LOCALES[locale])
