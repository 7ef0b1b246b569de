"""framework pages (placeholder blueprint)."""

from flask import Blueprint

bp = Blueprint("framework", __name__)
