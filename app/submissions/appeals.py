"""Curricula's appeals use the shared appeals package (app.appeals), which sits below curricula
and complaints; the names stay importable from here."""

from __future__ import annotations

from app.appeals.kinds import AppealType, type_label
from app.appeals.services import appeal_clock, extend_review, subject_of

__all__ = ["AppealType", "appeal_clock", "extend_review", "subject_of", "type_label"]
