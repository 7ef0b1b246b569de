"""Completions whose report was withdrawn do not count in the DHCS report (§207.13.B, App. E);
the report reads this condition through app.reports.hooks, filled by app.wiring.

A posted completion roster (app.ce.rosters.post) writes each row twice: a CE entry on the peer's
record and a training record of the DHCS roster it keeps. When the peer's dispute of that entry
is upheld, or the provider withdraws it (app.ce.disputes), the entry stays on the record marked
withdrawn; the training record written with it stops counting here. The two are the same row of
the same posting: the DHCS roster the posting filled, and the peer's certification number.
"""

from __future__ import annotations

from sqlalchemy import exists, func

from app.ce.models import CEEntryRecord, PeerProfile
from app.ce.roster_models import ReportedCompletion, RosterPosting
from app.reports.models import TrainingRecord


def withdrawn_posting():
    """True for a training record whose posted completion was withdrawn: one correlated
    EXISTS, so a count that adds it still takes one query."""
    return exists().where(
        RosterPosting.roster_id == TrainingRecord.roster_id,
        ReportedCompletion.posting_id == RosterPosting.id,
        CEEntryRecord.id == ReportedCompletion.entry_id,
        CEEntryRecord.withdrawn_at.is_not(None),
        PeerProfile.id == CEEntryRecord.profile_id,
        func.lower(PeerProfile.certification_number) == TrainingRecord.person,
    )


def standing():
    """The training records that count: none withdrawn after a dispute."""
    return ~withdrawn_posting()
