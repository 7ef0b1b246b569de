"""What the curriculum pages share: the blueprint, its template filters, loading a curriculum
the person may see, and the redirects back to its pages."""

from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from flask_login import current_user

from app.extensions import db
from app.i18n.data import translated
from app.i18n.programs import program_title
from app.submissions import common

bp = Blueprint("submissions", __name__)


@bp.app_template_filter("program_name")
def program_name(program: str) -> str:
    """A program's title for pages ("pcfm" is "Parent, Caregiver, Family Member Peer")."""
    return program_title(program)


@bp.app_template_filter("code_label")
def code_label(code: str) -> str:
    """A finding's code in words for pages ("COMPETENCY_MISSING" is "Competency missing");
    exports and the API keep the code. In the page's language (app/i18n/data.py FINDING_CODES)."""
    return translated((code or "").replace("_", " ").capitalize())


def _curriculum(curriculum_id: int):
    return common.get_curriculum_for(db.session, current_user, curriculum_id)


def _to_detail(curriculum_id: int, anchor: str = ""):
    return redirect(url_for("submissions.detail", curriculum_id=curriculum_id) + anchor)


def _refused_status(error) -> int:
    """The status of a page shown again after a refused form: 409 for a conflict, else 400."""
    return 409 if error.status == 409 else 400


def _to_review(curriculum_id: int, anchor: str = ""):
    return redirect(url_for("submissions.review", curriculum_id=curriculum_id) + anchor)


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None
