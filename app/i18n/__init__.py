"""Interface language: English and Spanish with Flask-Babel (the locale rules are in
app.i18n.locale)."""

from __future__ import annotations

from flask import Flask
from flask_babel import refresh

from app.i18n.locale import (
    LANGUAGE_NAMES,
    babel,
    choose,
    current_locale,
    format_day,
    format_long_day,
    format_moment,
    format_number,
    select_locale,
)
from app.i18n.messages import translated
from app.i18n.programs import program_label, state_name
from app.i18n.roles import role_word
from app.i18n.template_gettext import install_template_gettext
from app.stored_messages import restored

__all__ = ["choose", "current_locale", "init_i18n"]


def init_i18n(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/translations"),
    )
    install_template_gettext(app)
    app.jinja_env.globals.update(current_locale=current_locale, language_names=LANGUAGE_NAMES)
    app.jinja_env.filters.update(
        day=format_day, long_day=format_long_day, moment=format_moment, number=format_number
    )

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
    app.jinja_env.filters["restored"] = restored  # a stored text's Message (app.stored_messages)
    app.jinja_env.filters["program_label"] = program_label
    app.jinja_env.filters["state_name"] = state_name
    app.jinja_env.filters["role_word"] = role_word

    app.register_blueprint(bp)
