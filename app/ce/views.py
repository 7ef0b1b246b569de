"""ce pages (placeholder blueprint)."""

from flask import Blueprint

bp = Blueprint("ce", __name__)
