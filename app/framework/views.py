"""Browsing the frameworks: lists, one framework, one competency, search and the graph picture."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.errors import error_response
from app.framework import services
from app.framework.citations import cite, plain
from app.framework.localized import column_titles, page_catalog, page_graph, search_names
from app.framework.models import Catalog
from app.framework.schema import FrameworkDataError
from app.framework.svg import (
    COLUMN_TITLES,
    LINK_STYLES,
    NARROW,
    WIDE,
    crosswalk_svg,
    pair_counts,
    pair_links,
)
from app.i18n.messages import translated

bp = Blueprint("framework", __name__)
bp.add_app_template_filter(cite, "cite")
bp.add_app_template_filter(plain, "plain")
DEFAULT_PAIR = ("justice", "core")


@bp.app_errorhandler(FrameworkDataError)
def _data_error(error: FrameworkDataError):
    """A broken data file is a server fault: log it, and say which file and field (no traceback)."""
    current_app.logger.error("Competency data could not be loaded: %s", error)
    return error_response(500, f"The competency data could not be loaded ({error}).")


@bp.get("/frameworks")
def index():
    """Every framework with its number of competencies and statements."""
    catalog = page_catalog()
    rows = [
        (
            framework,
            sum(len(c.statements) for c in framework.competencies),
            sum(len(c.topics) for c in framework.competencies),
        )
        for framework in catalog.frameworks.values()
    ]
    return render_template("framework/index.html", rows=rows, catalog=catalog)


@bp.get("/frameworks/<framework_id>")
def detail(framework_id: str):
    """One framework: its competencies (by phase for crisis, with weights for the exam)."""
    catalog = page_catalog()
    if framework_id not in catalog.frameworks:
        abort(404, description=f"There is no framework called {framework_id!r}.")
    framework = catalog.framework(framework_id)
    graph = page_graph()
    foundations = (
        services.core_foundations(graph, framework_id) if framework.kind == "specialization" else {}
    )
    groups = (
        [
            (phase.title, [catalog.competency(c) for c in phase.competencies])
            for phase in framework.phases
        ]
        if framework.phases
        else [(None, list(framework.competencies))]
    )
    without = services.core_without_counterpart(graph) if framework_id == "core" else []
    return render_template(
        "framework/detail.html",
        framework=framework,
        groups=groups,
        foundations=foundations,
        without=without,
        catalog=catalog,
    )


KIND_HEADINGS = (
    ("knowledge", _l("Knowledge")),
    ("skill", _l("Skills")),
    ("ability", _l("Abilities")),
    ("theme", _l("Themes across other state standards")),
    ("example", _l("Field examples")),
    ("ksa", _l("Knowledge, skills and abilities tested")),
)


@bp.get("/competencies/<competency_id>")
def competency(competency_id: str):
    """One competency: statements, topics, related competencies with provenance, exam items."""
    catalog = page_catalog()
    try:
        item = catalog.competency(competency_id)
    except KeyError:
        abort(404, description=f"There is no competency called {competency_id!r}.")
    graph = page_graph()
    related = services.related(graph, competency_id)
    return render_template(
        "framework/competency.html",
        item=item,
        framework=catalog.framework(item.framework),
        sections=[
            (title, item.statements_of(kind))
            for kind, title in KIND_HEADINGS
            if item.statements_of(kind)
        ],
        # What a competency feeds in the exam outline is listed as exam items, not as links.
        relations=[r for r in related if r.link_type != "feeds" or r.other_framework != "exam"],
        feeds=services.exam_items(graph, competency_id),
        fed_by=[r for r in related if r.link_type == "feeds" and r.direction == "incoming"],
        no_additional=[n for n in catalog.no_additional if n.competency == competency_id],
        styles=LINK_STYLES,
        catalog=catalog,
    )


@bp.get("/search")
def search():
    """Search every statement, topic and competency title."""
    query = request.args.get("q", "").strip()[:200]
    hits = services.search(page_graph(), query, other_names=search_names) if query else []
    return render_template("framework/search.html", query=query, hits=hits, catalog=page_catalog())


@bp.get("/graph")
def graph():
    """Two frameworks side by side with the links between them and where each comes from."""
    catalog = page_catalog()
    left = request.args.get("left", DEFAULT_PAIR[0])
    right = request.args.get("right", DEFAULT_PAIR[1])
    for framework_id in (left, right):
        if framework_id not in catalog.frameworks:
            abort(404, description=f"There is no framework called {framework_id!r}.")
    same = left == right
    pictures = (
        []
        if same
        else [  # built from escaped data in app.framework.svg
            Markup(crosswalk_svg(catalog, left, right, geometry, translated))  # noqa: S704
            for geometry in (WIDE, NARROW)
        ]
    )
    page = render_template(
        "framework/graph.html",
        catalog=catalog,
        left=left,
        right=right,
        same=same,
        pictures=pictures,
        links=[] if same else pair_links(catalog, left, right),
        pairs=pair_counts(catalog),
        titles=column_titles(COLUMN_TITLES),
        styles=LINK_STYLES,
        competencies=_competency_choices(catalog),
    )
    return page, 400 if same else 200


def _competency_choices(catalog: Catalog) -> list[tuple[str, list]]:
    """Competencies grouped by framework, for the path form (exam domains left out)."""
    return [
        (column_titles(COLUMN_TITLES)[f.id], list(f.competencies))
        for f in catalog.frameworks.values()
        if f.kind != "exam"
    ]


@bp.get("/graph/path")
def path():
    """The chain of crosswalk links joining two competencies, each step with its provenance."""
    catalog = page_catalog()
    source = request.args.get("source", "").strip()
    target = request.args.get("target", "").strip()
    steps, error = None, None
    if source or target:
        known = {c.id for _, group in _competency_choices(catalog) for c in group}
        if source not in known or target not in known:
            error = "Choose two competencies from the lists."
        elif source == target:
            error = "Choose two different competencies."
        else:
            steps = services.crosswalk_path(page_graph(), source, target)
    page = render_template(
        "framework/path.html",
        catalog=catalog,
        source=source,
        target=target,
        steps=steps,
        error=error,
        styles=LINK_STYLES,
        competencies=_competency_choices(catalog),
    )
    return page, 400 if error else 200
