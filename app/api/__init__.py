"""JSON API under /api/v1: one module per resource, one error format (app.errors)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Resource modules register their routes on ``bp`` when imported.
from app.api import ce, described, frameworks, submissions  # noqa: E402, F401 (imported for their routes and description, after bp exists)
