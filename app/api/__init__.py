"""JSON API under /api/v1: one module per resource, one error format (app.errors)."""

# Resource modules register their routes on ``bp`` when imported.
from app.api import ce, described, frameworks, submissions  # noqa: F401 (imported for their routes and description)
from app.api.blueprint import bp as bp
