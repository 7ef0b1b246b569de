"""Peers' profiles and CE entries for tests."""

from __future__ import annotations

import io
import itertools
from datetime import date

from sqlalchemy import select

from app.auth.models import Role, User
from app.ce import services
from app.ce.models import CEAudit, CEEntryRecord, PeerProfile
from app.ce.rules import CEEntry, CertificationStatus
from app.extensions import db
from app.policy import DEFAULT_POLICY
from tests.factories import make_user

_numbers = itertools.count(100000)


def make_profile(
    user: User | None = None,
    *,
    issued_on: date = date(2025, 3, 1),
    status: str = CertificationStatus.ACTIVE,
    legal_name: str = "Jordan Peer",
    certification_number: str | None = None,
) -> PeerProfile:
    """A certified peer's profile with a unique MPSS number unless told, committed."""
    profile = services.save_profile(
        db.session,
        user or make_user(Role.PEER),
        legal_name=legal_name,
        certification_number=certification_number or f"MPSS{next(_numbers)}",
        issued_on=issued_on,
        status=status,
        specializations=[],
    )
    db.session.commit()
    return profile


def make_entry(profile: PeerProfile, **fields) -> CEEntryRecord:
    """An entry of ``profile``: a 6-hour law-and-ethics course with a certificate unless told."""
    values = {
        "title": "Law and Ethics for Peers",
        "provider": "Golden State Peer Training",
        "start_date": date(2025, 6, 1),
        "hours": 6.0,
        "source": "calmhsa_ce_provider",
        "law_ethics": True,
        "law_ethics_topics": ["le-13"],
        "evidence": ["certificate.pdf"],
        **fields,
    }
    record = services.save_entry(db.session, profile, None, CEEntry(**values))
    db.session.commit()
    return record


def draw(
    reviewer: User,
    start: date,
    end: date,
    *,
    today: date | None = None,
    method: str = "count",
    amount: float = 1,
    seed: int = 1,
) -> CEAudit:
    """A records review ``reviewer`` draws among the peers renewing from ``start`` to ``end``
    (both included), on ``today`` (``start`` unless told); not committed."""
    return services.draw_audit(
        db.session,
        reviewer,
        DEFAULT_POLICY,
        window_start=start,
        window_end=end,
        method=method,
        amount=amount,
        seed=seed,
        today=start if today is None else today,
    )


def entry_row(profile: PeerProfile, start_date: date, **fields) -> CEEntryRecord:
    """A CE entry row of ``profile`` made directly, not through the entry rules (so any date
    goes): a 6-hour in-person law-and-ethics course with no evidence unless told; not added."""
    values = {
        "title": "Ethics",
        "provider": "GS",
        "end_date": None,
        "format": "in_person",
        "hours": 6,
        "units": None,
        "source": "calmhsa_ce_provider",
        "law_ethics": True,
        "law_ethics_topics": ["le-13"],
        "evidence": [],
        **fields,
    }
    return CEEntryRecord(profile_id=profile.id, start_date=start_date, **values)


def post_entry(client, start_date: str, **fields):
    """Post the new-entry form as the signed-in peer: a 6-hour online live course from a CalMHSA
    provider, with a certificate named, begun on ``start_date``; ``fields`` change or add any."""
    data = {
        "title": "Law and ethics",
        "provider": "Golden State",
        "start_date": start_date,
        "format": "online_live",
        "hours": "6",
        "source": "calmhsa_ce_provider",
        "evidence": "cert.pdf",
        **fields,
    }
    return client.post("/ce/entries/new", data=data)


def post_evidence(client, entry_id: int, content: bytes, name: str = "proof.pdf", **options):
    """The signed-in peer uploads ``content`` as ``name`` to the proof of entry ``entry_id``."""
    return client.post(
        f"/ce/entries/{entry_id}/evidence",
        data={"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
        **options,
    )


ROSTER_HEADER = "certification_number,name,completed_on,hours\n"
CE_SYLLABUS = "---\nprogram: ce\n---\n## Boundaries and ethics (3 hours)\nLaw and ethics\n"


def make_ce_course(title: str = "Boundaries CE"):
    """An approved CE course (3 hours of law and ethics) of a new provider's organization."""
    from tests.submissions.factories import make_curriculum

    return make_curriculum(
        make_user(Role.PROVIDER), state="approved", program="ce", title=title, text=CE_SYLLABUS
    )


def course_owner(database, course) -> User:
    """The provider account of the organization that runs ``course``."""
    return database.session.scalar(
        select(User).where(
            User.organization_id == course.organization_id, User.role == Role.PROVIDER
        )
    )


def post_roster(app, database, course, *profiles, completed_on: str = "2026-01-20"):
    """Each profile's completion of ``course`` posted from one roster by its provider,
    committed; the reported entries, in roster order."""
    from app.ce import rosters

    session = database.session
    provider = course_owner(database, course)
    text = ROSTER_HEADER + "".join(
        f"{p.certification_number},{p.legal_name},{completed_on},3\n" for p in profiles
    )
    posting = rosters.preview(
        session,
        course,
        provider,
        (text.encode(), "roster.csv"),
        today=date(2026, 3, 1),
        upload_dir=app.config["UPLOAD_DIR"],
        max_bytes=2 * 1024 * 1024,
    )
    rosters.post(
        session, posting, provider, {line["line"] for line in posting.lines}, today=date(2026, 3, 1)
    )
    session.commit()
    return list(posting.reported)


def claimed_peer_client(app):
    """A test client signed in as a new peer who has claimed their registry record."""
    from tests.ce.test_views import _profile
    from tests.factories import login

    client = app.test_client()
    login(client, make_user(Role.PEER))
    _profile(client)
    return client
