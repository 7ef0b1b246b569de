"""Framework resources: JSON, CASE 1.0 package and Moodle CSV."""

from __future__ import annotations

from flask import Response, abort, jsonify, request

from app.api import bp
from app.framework.exports import case_package, framework_json, moodle_csv
from app.framework.views import get_catalog, get_graph


def _framework_or_404(framework_id: str):
    catalog = get_catalog()
    if framework_id not in catalog.frameworks:
        abort(
            404,
            description=f"There is no framework called {framework_id!r}; known: {', '.join(catalog.frameworks)}.",
        )
    return catalog.framework(framework_id)


@bp.get("/frameworks")
def framework_list():
    """Every framework with its id, title, version and number of competencies."""
    catalog = get_catalog()
    return jsonify(
        frameworks=[
            {
                "id": f.id,
                "title": f.title,
                "kind": f.kind,
                "version": f.version,
                "competencies": len(f.competencies),
            }
            for f in catalog.frameworks.values()
        ]
    )


@bp.get("/frameworks/<framework_id>")
def framework_detail(framework_id: str):
    """One framework in the interchange shape."""
    return jsonify(framework_json(get_graph(), _framework_or_404(framework_id)))


@bp.get("/frameworks/<framework_id>/case")
def framework_case(framework_id: str):
    """The framework as a CASE 1.0 CFPackage."""
    framework = _framework_or_404(framework_id)
    return jsonify(case_package(get_catalog(), framework.id, request.host_url.rstrip("/")))


@bp.get("/frameworks/<framework_id>/moodle.csv")
def framework_moodle(framework_id: str):
    """The framework as Moodle's competency-framework CSV, as a download."""
    framework = _framework_or_404(framework_id)
    body = moodle_csv(get_catalog(), get_graph(), framework.id)
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{framework.id}-competencies.csv"'},
    )
