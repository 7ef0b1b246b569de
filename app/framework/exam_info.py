"""Templates show a core syllabus's exam-blueprint coverage with ``exam_blueprint(report)``."""

from __future__ import annotations

from typing import Any

from flask import Flask

from app.framework.blueprint import BlueprintCoverage, blueprint_coverage, program_of, sessions_of
from app.framework.localized import page_graph


def exam_blueprint(report: Any) -> BlueprintCoverage | None:
    """The blueprint coverage of a report (object or stored dict), or None when it has none."""
    if report is None:
        return None
    return blueprint_coverage(program_of(report), sessions_of(report), page_graph())


def init_exam_info(app: Flask) -> None:
    app.jinja_env.globals.update(exam_blueprint=exam_blueprint)
