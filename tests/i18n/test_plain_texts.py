"""Templates' ``_()`` gives what Jinja's new-style gettext gives, without formatting a text that
has no values and no ``%``."""

from __future__ import annotations

import pytest
from markupsafe import Markup

TEXTS = [
    '{{ _("Sign in") }}',
    '{{ _("100%% of the hours") }}',
    '{{ _("Hello %(name)s", name=who) }}',
    '{{ gettext("Hello %(name)s", name=who) }}',
    '{{ _("Sign in") ~ "<b>" }}',
]


@pytest.mark.parametrize("source", TEXTS)
@pytest.mark.parametrize("locale", ["en", "es"])
def test_same_text_as_jinjas_gettext(app, source, locale):
    from flask_babel import force_locale
    from jinja2.ext import _make_new_gettext

    from app.i18n.template_gettext import current_translations

    jinjas = _make_new_gettext(lambda s: current_translations().ugettext(s))
    with app.test_request_context(), force_locale(locale):
        ours = app.jinja_env.from_string(source).render(who="<script>")
        theirs = app.jinja_env.from_string(source).render(who="<script>", _=jinjas, gettext=jinjas)
    assert ours == theirs
    assert "<script>" not in ours


def test_a_plain_text_is_not_formatted(app, monkeypatch):
    formatted = []
    original = Markup.__mod__
    monkeypatch.setattr(
        Markup, "__mod__", lambda self, arg: formatted.append(self) or original(self, arg)
    )
    with app.test_request_context():
        page = app.jinja_env.from_string(
            '{% for i in range(50) %}{{ _("Sign in") }}{% endfor %}{{ _("Hello %(name)s", name="A") }}'
        ).render()
    assert page.count("Sign in") == 50 and page.endswith("Hello A")
    assert formatted == ["Hello %(name)s"]
