"""The catalogue of the language in force, looked up once per language rather than once per text.

Flask-Babel finds the current translations afresh for every text a template marks (several
context lookups and a locale name built each time); a page marks a few hundred texts. The
translations are kept beside the locale Flask-Babel chose, and found again only when that locale
object changes: a new request (``refresh``), ``force_locale`` for an email in its reader's
language, and the return from it.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g, has_app_context
from flask_babel import get_translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

_CACHE = "page_translations"


def current_translations():
    """Flask-Babel's translations for the locale in force now."""
    if not has_app_context():
        return get_translations()
    state = g.get("_flask_babel")
    locale = getattr(state, "babel_locale", None)
    cached = getattr(state, _CACHE, None)
    if locale is not None and cached is not None and cached[0] is locale:
        return cached[1]
    translations = get_translations()  # chooses the locale when none is chosen yet
    state = g._flask_babel
    setattr(state, _CACHE, (state.babel_locale, translations))
    return translations


@pass_context
def template_gettext(__context: Context, __string: str, **variables: Any) -> str:
    """Jinja's new-style ``gettext`` (the text translated, marked safe when the template escapes,
    then formatted with the values escaped), without its costly part for the common text with
    no values and no ``%``: formatting that text with nothing gives it back unchanged."""
    text = current_translations().ugettext(__string)
    if __context.eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 (a text of the catalogue, as Jinja marks it)
    if variables or "%" in text:
        return text % variables
    return text


def install_template_gettext(app: Flask) -> None:
    """Templates' ``_``/``gettext``/``ngettext`` through the cached translations (same texts,
    same escaping: Jinja's new-style gettext still formats and escapes the values). A page marks
    a few hundred texts: ``_`` and ``gettext`` call ``template_gettext`` directly."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: current_translations().ugettext(s),
        ngettext=lambda s, p, n: current_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: current_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: current_translations().unpgettext(c, s, p, n),
    )
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext)
