"""Sign-in pages (placeholder blueprint)."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
