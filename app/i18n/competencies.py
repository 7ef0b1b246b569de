"""Competency titles in the request's language: the Spanish titles of competencies/terms.yaml."""

from __future__ import annotations

from flask import Flask

from app import context
from app.i18n.locale import current_locale


def competency_title(competency_id: str, english: str, *, short: bool = False) -> str:
    """The Spanish title (``short``: the short name) of ``competency_id`` when the page is in
    Spanish and one exists; else ``english``."""
    if current_locale() == "es":
        terms = context.catalog().terms.get(competency_id)
        spanish = (terms.es_short if short else terms.es_title) if terms is not None else ""
        if spanish:
            return spanish
    return english


def spanish_names(competency_id: str) -> str:
    """Every Spanish name and term of a competency, for the framework search."""
    terms = context.catalog().terms.get(competency_id)
    if terms is None:
        return ""
    return " ".join((terms.es_title, terms.es_short, *terms.es_terms))


def init_competency_titles(app: Flask) -> None:
    app.jinja_env.globals.update(competency_title=competency_title)
    app.extensions["competency_title"] = competency_title  # read by app.i18n.messages
