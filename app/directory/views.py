"""The public directory of approved courses, each course's page, and the provider's form for
the details the directory shows."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import context
from app.auth.access import roles_required
from app.auth.models import Role
from app.directory import services
from app.directory.forms import DirectoryFilterForm, ListingForm
from app.directory.models import FORMATS
from app.extensions import db
from app.forms_flow import post_form
from app.i18n.programs import program_title
from app.submissions import services as submissions
from app.submissions.states import APPROVED_STATES

bp = Blueprint("directory", __name__)


def _program_choices() -> list[tuple[str, str]]:
    policy = context.configured_policy()
    return [
        ("", _("Every type")),
        *((p.id, program_title(p.id, policy)) for p in policy.programs.values()),
    ]


@bp.get("/courses")
def index():
    """Approved courses, filtered by type, place, language and format, a page at a time."""
    form = DirectoryFilterForm(request.args)
    form.program.choices = _program_choices()
    first = services.directory_page(db.session, services.Filters(), today=context.today())
    form.place.choices = [
        ("", _("Anywhere")),
        (services.ONLINE, _("Online (or hybrid)")),
        *((county, county) for county in first.counties),
    ]
    form.language.choices = [("", _("Any language")), *((lang, lang) for lang in first.languages)]
    filters = services.Filters()
    if form.validate():
        filters = services.Filters(
            program=form.program.data or "",
            place=form.place.data or "",
            language=form.language.data or "",
            delivery_format=form.delivery_format.data or "",
        )
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), 1_000_000)
    result = services.directory_page(db.session, filters, today=context.today(), page=page)
    arguments = {k: v for k, v in vars(filters).items() if v}
    return render_template(
        "directory/index.html",
        form=form,
        result=result,
        arguments=arguments,
        formats=FORMATS,
        policy=context.configured_policy(),
    )


@bp.get("/courses/<int:curriculum_id>")
def course(curriculum_id: int):
    """One approved course: provider, hours, language, format, place, contact, approval dates."""
    found = services.listed_course(db.session, curriculum_id, today=context.today())
    if found is None:
        abort(404)
    return render_template(
        "directory/course.html",
        course=found,
        formats=FORMATS,
        policy=context.configured_policy(),
    )


@bp.route("/curricula/<int:curriculum_id>/listing", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def listing(curriculum_id: int):
    """The provider sets the format, county, place and contact the directory shows."""
    curriculum = submissions.get_curriculum_for(db.session, current_user, curriculum_id)
    saved = services.listing_of(db.session, curriculum.id)
    form = ListingForm(obj=saved)

    def page(status: int):
        return render_template(
            "directory/listing.html",
            form=form,
            curriculum=curriculum,
            listed=curriculum.state in APPROVED_STATES,
        ), status

    if request.method == "GET":
        return page(200)
    return post_form(
        form,
        lambda: services.save_listing(
            db.session,
            current_user,
            curriculum,
            delivery_format=form.delivery_format.data or "",
            county=form.county.data or "",
            place=form.place.data or "",
            contact=form.contact.data or "",
        ),
        errors_in=form.delivery_format,
        success=_("The directory details are saved."),
        done=lambda _value: redirect(url_for("directory.listing", curriculum_id=curriculum.id)),
        again=page,
        invalid_status=400,
        refused_status=lambda _outcome: 400,
    )
