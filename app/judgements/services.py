"""Record the versions a report or decision was made under, and list the decisions whose
frameworks or policy have changed since.

Recording is automatic: a listener on the session notes, at each flush, every new checker report
(a curriculum version), every reviewer decision on a curriculum (``decided_at`` set) and every
records review closed with an outcome (``closed_at`` set), and adds one :class:`JudgementBasis`
for each, with the digests of the framework files and of the policy in force. The texts behind
each digest are kept once (:class:`BasisSnapshot`), so a later edit can be shown statement by
statement. No service that decides needs to know about it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import current_app, has_app_context
from flask_babel import gettext
from sqlalchemy import event, func, inspect, select, tuple_
from sqlalchemy.orm import Session

from app.auth.models import Organization
from app.ce.models import CEAuditSelection, PeerProfile
from app.extensions import db
from app.i18n.programs import state_name
from app.judgements.basis import (
    POLICY,
    Change,
    Snapshot,
    basis_key,
    changed_names,
    compare,
    digest_bytes,
    framework_files,
    framework_snapshot,
    policy_snapshot,
)
from app.judgements.models import BasisSnapshot, JudgementBasis
from app.policy import Policy
from app.settings.services import current_policy
from app.submissions.models import Curriculum, CurriculumVersion

REPORT, DECISION = "report", "decision"


@lru_cache(maxsize=256)
def _parsed(name: str, digest: str, data: bytes) -> Snapshot:
    return framework_snapshot(name, data)


def current_snapshots(folder: Path | str, policy: Policy) -> list[Snapshot]:
    """The framework files of ``folder`` as they are now, and the policy ``policy``.

    Files are read each time (a few small files) and parsed once per distinct content."""
    snapshots = []
    for path in framework_files(folder):
        data = path.read_bytes()
        snapshots.append(_parsed(path.name, digest_bytes(data), data))
    values = {key: rule.value for key, rule in policy.rules.items()}
    snapshots.append(policy_snapshot(values))
    return snapshots


def keep_snapshots(session: Session, snapshots: Iterable[Snapshot]) -> None:
    """Store each snapshot's texts unless a snapshot of the same name and digest is kept."""
    wanted = {(s.name, s.digest): s for s in snapshots}
    if not wanted:
        return
    kept = set(
        session.execute(
            select(BasisSnapshot.name, BasisSnapshot.digest).where(
                tuple_(BasisSnapshot.name, BasisSnapshot.digest).in_(list(wanted))
            )
        ).all()
    )
    for pair, snapshot in wanted.items():
        if tuple(pair) not in kept:
            session.add(
                BasisSnapshot(
                    name=snapshot.name,
                    digest=snapshot.digest,
                    label=snapshot.label,
                    content=snapshot.content,
                )
            )


def record_basis(
    session: Session,
    subjects: Iterable[tuple[str, int, str]],
    snapshots: list[Snapshot],
) -> list[JudgementBasis]:
    """One record per (subject type, subject id, kind), all under ``snapshots``."""
    subjects = list(subjects)
    if not subjects:
        return []
    keep_snapshots(session, snapshots)
    versions = {s.name: s.digest for s in snapshots}
    key = basis_key(versions)
    records = [
        JudgementBasis(
            subject_type=subject_type,
            subject_id=subject_id,
            kind=kind,
            versions=versions,
            basis_key=key,
        )
        for subject_type, subject_id, kind in subjects
    ]
    session.add_all(records)
    return records


def basis_of(session: Session, subject_type: str, subject_id: int) -> JudgementBasis | None:
    """The latest record for a subject (its last report or decision)."""
    return session.scalar(
        select(JudgementBasis)
        .where(JudgementBasis.subject_type == subject_type)
        .where(JudgementBasis.subject_id == subject_id)
        .order_by(JudgementBasis.id.desc())
        .limit(1)
    )


def labelled(session: Session, record: JudgementBasis) -> list[tuple[str, str, str]]:
    """(name, label, digest) of each version a record names, labels from the kept snapshots."""
    pairs = list(record.versions.items())
    labels = dict(
        ((name, digest), label)
        for name, digest, label in session.execute(
            select(BasisSnapshot.name, BasisSnapshot.digest, BasisSnapshot.label).where(
                tuple_(BasisSnapshot.name, BasisSnapshot.digest).in_(pairs)
            )
        )
    )
    return [(name, labels.get((name, digest), ""), digest) for name, digest in sorted(pairs)]


# --- Automatic recording at flush ----------------------------------------------------------

_PENDING = "judgement_bases_pending"


def _changed_to_set(obj: Any, attribute: str) -> bool:
    history = inspect(obj).attrs[attribute].history
    return bool(history.added) and history.added[0] is not None


def _judged(session: Session) -> list[tuple[str, int, str]]:

    found = []
    for obj in session.new:
        if isinstance(obj, CurriculumVersion):
            found.append(("curriculum_version", obj.id, REPORT))
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Curriculum) and _changed_to_set(obj, "decided_at"):
            found.append(("curriculum", obj.id, DECISION))
        elif isinstance(obj, CEAuditSelection) and _changed_to_set(obj, "closed_at"):
            found.append(("ce_audit_selection", obj.id, DECISION))
    return found


def _after_flush(session: Session, _context: Any) -> None:
    found = _judged(session)
    if found:
        session.info.setdefault(_PENDING, []).extend(found)


def _after_flush_postexec(session: Session, _context: Any) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return

    if not has_app_context():
        return

    with session.no_autoflush:
        policy = current_policy(session, current_app.config.get("POLICY_OVERRIDES"))
        snapshots = current_snapshots(current_app.config["FRAMEWORK_DIR"], policy)
        record_basis(session, pending, snapshots)


def judged_under(subject_type: str, subject_id: int) -> list[tuple[str, str, str]]:
    """For templates: (name, label, digest) of the versions a subject was last judged under."""

    record = basis_of(db.session, subject_type, subject_id)
    return labelled(db.session, record) if record else []


def init_recording() -> None:
    """Listen on every session (once): the app's sessions record what they judge under."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_flush_postexec", _after_flush_postexec)


# --- Decisions made under versions that have changed ---------------------------------------


@dataclass(frozen=True)
class FileDifference:
    """How one framework file (or the policy) differs from the version a decision used."""

    name: str
    old_label: str
    old_digest: str
    new_label: str
    new_digest: str  # "" when the file is gone
    changes: list[Change] | None  # None: the old texts were not kept


@dataclass(frozen=True)
class StaleDecision:
    subject_type: str  # "curriculum" or "ce_audit_selection"
    subject_id: int
    title: str
    detail: str  # the curriculum's state, the review's outcome
    decided_at: datetime
    link_id: int | None  # the curriculum's id, or the records review's audit id


@dataclass
class StaleGroup:
    """Decisions made under one set of versions, and how those versions changed since."""

    basis_key: str
    differences: list[FileDifference]
    decisions: list[StaleDecision] = field(default_factory=list)


@dataclass(frozen=True)
class StaleReport:
    current: list[Snapshot]
    groups: list[StaleGroup]
    total: int
    page: int
    pages: int


def _latest_decisions():
    """The id of each subject's latest decision record."""
    return (
        select(func.max(JudgementBasis.id).label("id"))
        .where(JudgementBasis.kind == DECISION)
        .group_by(JudgementBasis.subject_type, JudgementBasis.subject_id)
        .subquery()
    )


def stale_decisions(
    session: Session, current: list[Snapshot], *, page: int = 1, per_page: int = 100
) -> StaleReport:
    """The decisions (each subject's latest) made under versions other than ``current``,
    newest first, a page at a time, grouped by the versions they were made under; a fixed
    number of queries whatever the page holds."""
    now = {s.name: s for s in current}
    key = basis_key({s.name: s.digest for s in current})
    latest = _latest_decisions()
    stale = (
        select(JudgementBasis)
        .join(latest, latest.c.id == JudgementBasis.id)
        .where(JudgementBasis.basis_key != key)
    )
    total = session.scalar(select(func.count()).select_from(stale.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    records = list(
        session.scalars(
            stale.order_by(JudgementBasis.recorded_at.desc(), JudgementBasis.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
    )
    titles = _subject_titles(session, records)
    old_pairs = {
        (name, digest)
        for record in records
        for name in changed_names(record.versions, {n: s.digest for n, s in now.items()})
        if (digest := record.versions.get(name))
    }
    kept = {}
    if old_pairs:
        kept = {
            (s.name, s.digest): s
            for s in session.scalars(
                select(BasisSnapshot).where(
                    tuple_(BasisSnapshot.name, BasisSnapshot.digest).in_(list(old_pairs))
                )
            )
        }
    groups: dict[str, StaleGroup] = {}
    for record in records:
        group = groups.get(record.basis_key)
        if group is None:
            group = groups[record.basis_key] = StaleGroup(
                record.basis_key, _differences(record.versions, now, kept)
            )
        title, detail, link_id = titles.get(
            (record.subject_type, record.subject_id), ("(removed)", "", None)
        )
        group.decisions.append(
            StaleDecision(
                record.subject_type, record.subject_id, title, detail, record.recorded_at, link_id
            )
        )
    return StaleReport(current, list(groups.values()), total, page, pages)


def _differences(
    versions: dict[str, str], now: dict[str, Snapshot], kept: dict[tuple[str, str], BasisSnapshot]
) -> list[FileDifference]:
    differences = []
    for name in changed_names(versions, {n: s.digest for n, s in now.items()}):
        old_digest = versions.get(name, "")
        old = kept.get((name, old_digest))
        new = now.get(name)
        if old_digest and old is None:
            changes = None
        else:
            changes = compare(old.content if old else {}, new.content if new else {})
        differences.append(
            FileDifference(
                name=name,
                old_label=old.label if old else "",
                old_digest=old_digest,
                new_label=new.label if new else "",
                new_digest=new.digest if new else "",
                changes=changes,
            )
        )
    differences.sort(key=lambda d: (d.name == POLICY, d.name))
    return differences


def _subject_titles(
    session: Session, records: list[JudgementBasis]
) -> dict[tuple[str, int], tuple[str, str, int]]:
    """(title, detail, link id) of each subject, one query per kind of subject."""

    by_type: dict[str, set[int]] = {}
    for record in records:
        by_type.setdefault(record.subject_type, set()).add(record.subject_id)
    titles: dict[tuple[str, int], tuple[str, str, int]] = {}
    if ids := by_type.get("curriculum"):
        for curriculum_id, title, state, organization in session.execute(
            select(Curriculum.id, Curriculum.title, Curriculum.state, Organization.name)
            .join(Organization, Organization.id == Curriculum.organization_id)
            .where(Curriculum.id.in_(ids))
        ):
            titles[("curriculum", curriculum_id)] = (
                title,
                f"{organization}; {state_name(state)}",
                curriculum_id,
            )
    if ids := by_type.get("ce_audit_selection"):
        for selection_id, audit_id, name, outcome in session.execute(
            select(
                CEAuditSelection.id,
                CEAuditSelection.audit_id,
                PeerProfile.legal_name,
                CEAuditSelection.outcome,
            )
            .join(PeerProfile, PeerProfile.id == CEAuditSelection.profile_id)
            .where(CEAuditSelection.id.in_(ids))
        ):
            titles[("ce_audit_selection", selection_id)] = (
                gettext("Records review of %(value)s", value=name),
                outcome or "",
                audit_id,
            )
    return titles
