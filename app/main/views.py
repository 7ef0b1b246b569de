"""Home page and help pages."""

from flask import Blueprint, render_template
from flask_login import current_user

from app import context
from app.inbox.views import home_page

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """Landing page: what the app does and where to start for each kind of user; signed in,
    the person's inbox of what waits for them."""
    if current_user.is_authenticated:
        return home_page()
    return render_template("main/index.html")


@bp.get("/help/syllabus-format")
def syllabus_format():
    """How to write a syllabus the checker reads, with the hours and coverage each program needs."""
    policy = context.policy()
    programs = [
        (program, policy.required_hours(program.id), policy.rule(program.hours_rule))
        if program.hours_rule
        else (program, None, None)
        for program in policy.programs.values()
    ]
    return render_template("main/syllabus_format.html", programs=programs, policy=policy)
