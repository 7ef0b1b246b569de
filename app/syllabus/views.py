"""syllabus pages (placeholder blueprint)."""

from flask import Blueprint

bp = Blueprint("syllabus", __name__)
