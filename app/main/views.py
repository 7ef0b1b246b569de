"""Home page."""

from flask import Blueprint, render_template

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """Landing page: what the app does and where to start for each kind of user."""
    return render_template("main/index.html")
