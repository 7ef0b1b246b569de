"""The frameworks in the page's language: the catalog and graph the framework pages read, in
Spanish when the page is Spanish (competencies/es), in English otherwise."""

from __future__ import annotations

import networkx as nx
from flask import Flask, current_app
from flask_babel import gettext

from app import context
from app.framework.models import Catalog
from app.framework.spanish import SpanishFrameworks, cached_spanish
from app.i18n.competencies import spanish_names
from app.i18n.data import N_
from app.i18n.locale import current_locale

# The frameworks' short names of app.framework.svg.COLUMN_TITLES, marked for the catalogue.
COLUMN_TITLES = (
    N_("Core competencies"),
    N_("Parent, Caregiver, Family Member"),
    N_("Crisis Care"),
    N_("Unhoused"),
    N_("Justice-Involved"),
    N_("Exam blueprint domains"),
)
# The words of each kind of link (app.framework.svg.LINK_STYLES) and of where a link comes from.
LINK_WORDS = (
    N_("builds on"),
    N_("same name as"),
    N_("related to"),
    N_("feeds the exam item"),
    N_("stated"),
    N_("derived"),
)
# The kinds of framework (the "kind" of each competencies/*.yaml), shown on /frameworks.
FRAMEWORK_KINDS = (N_("core"), N_("specialization"), N_("exam"))


def column_titles(titles: dict[str, str]) -> dict[str, str]:
    """The frameworks' short names (app.framework.svg.COLUMN_TITLES) in the page's language."""
    return {framework_id: gettext(title) for framework_id, title in titles.items()}


def _spanish() -> SpanishFrameworks:
    return cached_spanish(current_app.config.get("FRAMEWORK_DIR"))


def page_catalog() -> Catalog:
    """The catalog with its text in the page's language (English where no Spanish exists)."""
    return _spanish().catalog if current_locale() == "es" else context.catalog()


def page_graph() -> nx.MultiDiGraph:
    """The graph with its labels in the page's language."""
    return _spanish().graph if current_locale() == "es" else context.graph()


def search_names(competency_id: str) -> str:
    """A competency's Spanish names and the Spanish of its statements, for the framework search
    (in either language); on a Spanish page its English title too."""
    names = f"{spanish_names(competency_id)} {_spanish().words.get(competency_id, '')}"
    if current_locale() == "es" and context.catalog().has(competency_id):
        names += " " + context.catalog().competency(competency_id).title
    return names


def translation_unreviewed() -> bool:
    """True on a Spanish page while a framework's Spanish has not been reviewed by a person."""
    return current_locale() == "es" and bool(_spanish().text.unreviewed())


def init_framework_language(app: Flask) -> None:
    app.jinja_env.globals.update(framework_translation_unreviewed=translation_unreviewed)
