"""Dates on pages go through the ``day``, ``long_day`` or ``moment`` filter, so a Spanish page writes them in
Spanish; no template prints a date with ``.isoformat()`` or an English ``strftime``."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask_babel import refresh

from app.i18n.locale import format_long_day, format_moment

ROOT = Path(__file__).resolve().parents[2]
# ``.isoformat()`` or a month's English name printed by a template; a date input's value must be
# ISO, so it is left out.
UNFILTERED = re.compile(r'\.isoformat\(\)|strftime\("[^"]*%[BbA]')


def unfiltered_dates(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if UNFILTERED.search(line) and 'type="date"' not in line
    ]


def test_the_rule_flags_an_iso_or_english_date():
    assert unfiltered_dates("<td>{{ c.expires_on.isoformat() }}</td>")
    assert unfiltered_dates('{{ clock.due_on.strftime("%B %d, %Y") }}')
    assert not unfiltered_dates("<td>{{ c.expires_on|day }}</td>")
    assert not unfiltered_dates('<input type="date" value="{{ a.on.isoformat() }}">')


@pytest.mark.parametrize("path", sorted((ROOT / "templates").rglob("*.html")), ids=lambda p: p.name)
def test_no_template_prints_a_date_without_a_filter(path):
    assert unfiltered_dates(path.read_text(encoding="utf-8")) == []


def test_a_moment_in_english_and_in_spanish(app):
    moment = datetime(2026, 12, 7, 14, 5, tzinfo=UTC)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        refresh()  # the locale of this request, not a cached one
        assert format_moment(moment) == "2026-12-07 14:05 UTC"
        assert format_moment(None) == ""
        assert format_moment(date(2026, 12, 7)) == "2026-12-07"
    with app.test_request_context(headers={"Accept-Language": "es"}):
        refresh()  # the locale of this request, not a cached one
        assert format_moment(moment) == "7 de diciembre de 2026, 14:05 UTC"


def test_a_long_day_keeps_its_english_form_and_is_spanish_on_a_spanish_page(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        refresh()
        assert format_long_day(date(2026, 4, 5)) == "April 05, 2026"
    with app.test_request_context(headers={"Accept-Language": "es"}):
        refresh()
        assert format_long_day(date(2026, 4, 5)) == "5 de abril de 2026"
