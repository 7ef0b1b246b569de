"""Disputes of reported CE entries: upheld stops counting (the entry kept, marked withdrawn),
rejected stands, a reason always, who may do what, audit and email, one gate for every path."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.ce import disputes, rosters, services
from app.ce.disputes import DisputeState, change_state
from app.ce.models import CEEntryRecord
from app.ce.roster_models import ReportedCompletion
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.notifications.models import OutboxEmail
from app.policy import DEFAULT_POLICY
from tests.ce.factories import course_owner as _owner
from tests.ce.factories import make_ce_course, make_entry, make_profile
from tests.ce.factories import post_roster as _posted
from tests.factories import make_user
from tests.queries import counting

TODAY = date(2026, 3, 1)
HEADER = "certification_number,name,completed_on,hours\n"
APP = Path(__file__).resolve().parents[2] / "app"


@pytest.fixture
def course(app, db):
    return make_ce_course()


def _disputed(app, db, course, profile) -> ReportedCompletion:
    (reported,) = _posted(app, db, course, profile)
    rosters.dispute(db.session, profile, reported.entry_id, "I left after the first hour.")
    db.session.commit()
    return reported


def _hours(profile) -> float:
    return services.summary_for(profile, DEFAULT_POLICY, TODAY)["total_hours"]


def _emails(db, to: str) -> list[OutboxEmail]:
    return list(
        db.session.scalars(
            select(OutboxEmail).where(
                OutboxEmail.recipient == to, OutboxEmail.category == "ce_dispute"
            )
        )
    )


def test_upheld_the_entry_is_kept_withdrawn_and_stops_counting(app, db, course):
    peer = make_profile(legal_name="Robin Park")
    make_entry(peer, title="Ethics for peers", start_date=date(2025, 9, 1), hours=6.0)
    reported = _disputed(app, db, course, peer)
    assert _hours(peer) == 9.0
    reviewer = make_user(Role.REVIEWER)

    change_state(
        db.session, reviewer, reported, DisputeState.UPHELD, "  Left early:  sign-out sheet. "
    )
    db.session.commit()

    entry = db.session.get(CEEntryRecord, reported.entry_id)
    assert entry is not None and entry.withdrawn_at is not None  # kept, never deleted
    assert entry.withdrawn_reason == "Left early: sign-out sheet."
    assert reported.resolution == "upheld" and reported.resolved_by_id == reviewer.id
    db.session.expire_all()
    summary = services.summary_for(peer, DEFAULT_POLICY, TODAY)
    assert summary["total_hours"] == 6.0
    line = next(e for e in summary["entries"] if e["line"] == entry.id)
    assert not line["counted"] and "Left early: sign-out sheet" in line["reasons"][0]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "dispute_upheld"))
    assert (event.actor_id, event.subject_id) == (reviewer.id, entry.id)
    assert (event.from_state, event.to_state, event.reason) == (
        "open",
        "upheld",
        "Left early: sign-out sheet.",
    )
    (to_peer,) = _emails(db, peer.user.email)
    assert "upheld" in to_peer.subject and "Left early: sign-out sheet." in to_peer.body
    assert f"/ce/reported/{entry.id}" in to_peer.body
    (to_provider,) = _emails(db, _owner(db, course).email)
    assert f"/provider/completions/{reported.posting_id}" in to_provider.body
    # Decided: neither staff nor the peer move it again.
    with pytest.raises(Conflict, match="already decided"):
        change_state(db.session, reviewer, reported, DisputeState.REJECTED, "second thoughts")
    with pytest.raises(Conflict, match="already decided"):
        rosters.dispute(db.session, peer, entry.id, "again")


def test_rejected_the_entry_stands_and_the_peer_reads_why(app, db, course):
    peer = make_profile(legal_name="Robin Park")
    reported = _disputed(app, db, course, peer)
    admin = make_user(Role.ADMIN)
    change_state(db.session, admin, reported, DisputeState.REJECTED, "The sign-in sheet shows 3 h.")
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(CEEntryRecord, reported.entry_id).withdrawn_at is None
    assert _hours(peer) == 3.0
    assert reported.resolution == "rejected"
    (to_peer,) = _emails(db, peer.user.email)
    assert "rejected" in to_peer.subject and "The sign-in sheet shows 3 h." in to_peer.body
    assert "still counts" in to_peer.body


@pytest.mark.parametrize("to", [DisputeState.UPHELD, DisputeState.REJECTED])
@pytest.mark.parametrize("reason", ["", "   \n ", "x" * 2001])
def test_a_decision_needs_a_reason(app, db, course, to, reason):
    peer = make_profile(legal_name="Robin Park")
    reported = _disputed(app, db, course, peer)
    with pytest.raises(DomainError) as raised:
        change_state(db.session, make_user(Role.REVIEWER), reported, to, reason)
    assert "reason" in str(raised.value).lower()
    assert reported.resolution is None and reported.entry.withdrawn_at is None


def test_a_provider_or_a_peer_cannot_resolve_and_another_organization_gets_404(app, db, course):
    peer = make_profile(legal_name="Robin Park")
    reported = _disputed(app, db, course, peer)
    owner = _owner(db, course)
    for to in (DisputeState.UPHELD, DisputeState.REJECTED):
        with pytest.raises(Forbidden):
            change_state(db.session, owner, reported, to, "mine to decide?")
        with pytest.raises(Forbidden):
            change_state(db.session, peer.user, reported, to, "I win")
    stranger = make_user(Role.PROVIDER)
    for to in DisputeState:
        if to != DisputeState.NONE:
            with pytest.raises(NotFound):
                change_state(db.session, stranger, reported, to, "not ours")
    with pytest.raises(NotFound):
        disputes.get_reported(db.session, stranger, reported.id)
    other_peer = make_profile(legal_name="Someone Else")
    with pytest.raises(NotFound):
        disputes.get_reported(db.session, other_peer.user, reported.id)
    with pytest.raises(NotFound):
        change_state(db.session, other_peer.user, reported, DisputeState.OPEN, "not mine")
    # Staff open nothing on a peer's behalf.
    with pytest.raises(Forbidden):
        change_state(db.session, make_user(Role.REVIEWER), reported, DisputeState.OPEN, "x")
    assert reported.resolution is None
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action.like("dispute_%ed"))) is None
    )


def test_the_provider_withdraws_a_disputed_entry_only(app, db, course):
    peer, calm = make_profile(legal_name="Robin Park"), make_profile(legal_name="Sam Lee")
    disputed, undisputed = _posted(app, db, course, peer, calm)
    owner = _owner(db, course)
    with pytest.raises(Conflict, match="no open dispute"):
        change_state(db.session, owner, undisputed, DisputeState.WITHDRAWN, "tidying up")
    rosters.dispute(db.session, peer, disputed.entry_id, "Wrong date.")
    with pytest.raises(DomainError, match="reason"):
        change_state(db.session, owner, disputed, DisputeState.WITHDRAWN, " ")
    change_state(
        db.session, owner, disputed, DisputeState.WITHDRAWN, "Our roster had the wrong date."
    )
    db.session.commit()
    db.session.expire_all()
    assert _hours(peer) == 0 and _hours(calm) == 3.0
    assert disputed.resolution == "withdrawn"
    assert (
        db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "reported_entry_withdrawn")
        ).actor_id
        == owner.id
    )
    (to_peer,) = _emails(db, peer.user.email)
    assert "withdrawn" in to_peer.subject and "wrong date" in to_peer.body
    assert _emails(db, owner.email) == []  # the provider did it: no email to itself

    def corrected_row():
        line = f"{HEADER}{peer.certification_number},Robin Park,2026-01-20,1\n"
        return rosters.preview(
            db.session,
            course,
            owner,
            (line.encode(), "fix.csv"),
            today=TODAY,
            upload_dir=app.config["UPLOAD_DIR"],
            max_bytes=2 * 1024 * 1024,
        )

    # The provider corrects the row by posting it again: a new entry, counted; the withdrawn
    # one stays on the record.
    fixed = corrected_row()
    assert [line["outcome"] for line in fixed.lines] == [rosters.READY]
    rosters.post(db.session, fixed, owner, {2}, today=TODAY)
    db.session.commit()
    db.session.expire_all()
    assert _hours(peer) == 1.0 and len(peer.entries) == 2
    # Posted once more, the corrected row is already reported.
    again = corrected_row()
    assert [line["outcome"] for line in again.lines] == [rosters.ALREADY]


def test_the_open_list_is_paged_in_a_constant_number_of_queries(app, db, course):
    peers = [make_profile(legal_name=f"Peer Number{n}") for n in range(7)]
    posted = _posted(app, db, course, *peers)
    for profile, reported in zip(peers, posted, strict=True):
        rosters.dispute(db.session, profile, reported.entry_id, "Not me.")
    db.session.commit()
    change_state(db.session, make_user(Role.REVIEWER), posted[0], DisputeState.REJECTED, "Fine.")
    db.session.commit()

    def read(size: int):
        db.session.expire_all()
        with counting(db.engine) as statements:
            found = disputes.page_of(db.session, size=size)
            names = [r.entry.profile.legal_name + r.posting.original_name for r in found.rows]
        return statements, found, names

    few, small, _ = read(2)
    many, large, names = read(50)
    assert len(few) == len(many) == 2
    assert small.total == large.total == 6 and small.pages == 3 and len(large.rows) == 6
    assert len(names) == 6
    assert disputes.open_count(db.session) == 6
    decided = disputes.page_of(db.session, state="decided")
    assert [r.id for r in decided.rows] == [posted[0].id]
    assert disputes.page_of(db.session, page=99, size=2).page == 3


# --- one gate ---------------------------------------------------------------------------------

# The attributes that make a dispute's state, and the entry's withdrawal that follows from it.
STATE_ATTRIBUTES = {
    "disputed_at",
    "dispute_reason",
    "resolution",
    "resolved_at",
    "resolved_by_id",
    "resolution_reason",
    "withdrawn_at",
    "withdrawn_reason",
}
GATE = ("app.ce.disputes", "change_state")


def _assignments(tree: ast.AST):
    """(function name, attribute) of every assignment to an attribute, or keyword argument of
    a call, that names a state attribute."""

    def visit(node, function):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr in STATE_ATTRIBUTES:
                    yield function, part.attr
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in STATE_ATTRIBUTES:
                    yield function, keyword.arg
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "setattr":
            yield function, "setattr"
        for child in ast.iter_child_nodes(node):
            yield from visit(child, function)

    yield from visit(tree, None)


def test_only_the_gate_writes_a_disputes_state():
    """Read from the source: no module of app/ but the gate sets a dispute's state or withdraws
    an entry (the models declare the columns; nothing else writes them)."""
    sample = "def f(r, e):\n    r.resolution, e.x = 1, 2\n    g(withdrawn_at=3)\n"
    assert list(_assignments(ast.parse(sample))) == [("f", "resolution"), ("f", "withdrawn_at")]
    writers = set()
    for path in APP.rglob("*.py"):
        module = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
        for function, attribute in _assignments(ast.parse(path.read_text(encoding="utf-8"))):
            if function is None and module in ("app.ce.roster_models", "app.ce.models"):
                continue  # the column declarations
            if attribute == "setattr":
                continue
            writers.add((module, function, attribute))
    assert {(m, f) for m, f, _ in writers} == {GATE}, sorted(writers)


# Every path that changes a dispute's state, as the pages and services offer them: each must reach
# the gate, with the move it names.
PATHS = {
    "the peer disputes (service)": DisputeState.OPEN,
    "the peer disputes (page)": DisputeState.OPEN,
    "staff uphold (page)": DisputeState.UPHELD,
    "staff reject (page)": DisputeState.REJECTED,
    "the provider withdraws (page)": DisputeState.WITHDRAWN,
}


@pytest.mark.parametrize("path", sorted(PATHS))
def test_every_path_goes_through_the_gate(app, db, course, monkeypatch, path):
    from tests.factories import login

    peer = make_profile(legal_name="Robin Park")
    (reported,) = _posted(app, db, course, peer)
    if PATHS[path] != DisputeState.OPEN:
        rosters.dispute(db.session, peer, reported.entry_id, "Not me.")
        db.session.commit()
    calls = []
    real = disputes.change_state

    def spy(session, actor, found, to, reason):
        calls.append((actor.id, found.id, to))
        return real(session, actor, found, to, reason)

    monkeypatch.setattr(disputes, "change_state", spy)
    client = app.test_client()
    if path == "the peer disputes (service)":
        actor = peer.user
        rosters.dispute(db.session, peer, reported.entry_id, "Wrong hours.")
    elif path == "the peer disputes (page)":
        actor = peer.user
        login(client, actor)
        answer = client.post(f"/ce/reported/{reported.entry_id}", data={"reason": "Wrong hours."})
        assert answer.status_code == 302
    elif path == "the provider withdraws (page)":
        actor = _owner(db, course)
        login(client, actor)
        answer = client.post(f"/provider/disputes/{reported.id}", data={"reason": "Our mistake."})
        assert answer.status_code == 302
    else:
        actor = make_user(Role.REVIEWER)
        login(client, actor)
        answer = client.post(
            f"/completions/disputes/{reported.id}",
            data={"decision": str(PATHS[path]), "reason": "Checked the sheet."},
        )
        assert answer.status_code == 302
    assert calls == [(actor.id, reported.id, PATHS[path])]
    db.session.expire_all()
    assert disputes.state_of(db.session.get(ReportedCompletion, reported.id)) == PATHS[path]


def test_the_paths_cover_every_move():
    assert set(PATHS.values()) == set(disputes.MOVES)
