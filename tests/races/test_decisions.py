"""Two reviewers decide the same curriculum at the same moment: one wins, the other is told
so (409) and keeps what they typed, on the page and through the API."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from flask import Flask

from app.audit.services import verify
from app.auth.models import Role
from app.extensions import db
from app.submissions import services, workflow
from app.submissions.models import Curriculum
from tests.factories import login, make_user
from tests.races.conftest import at_once
from tests.submissions.factories import make_curriculum, settle


def _setup(one, two):
    """A curriculum ready for a decision, and a reviewer signed in on each server."""
    with one.app_context():
        provider = make_user(Role.PROVIDER)
        curriculum = make_curriculum(provider, state="submitted", title="Raced")
        settle(curriculum)
        db.session.commit()
        clients = [
            _signed_in(one, make_user(Role.REVIEWER)),
            _signed_in(two, make_user(Role.REVIEWER)),
        ]
        ids = curriculum.id, curriculum.lock_version
        db.session.remove()
    return ids, clients


def _signed_in(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client


def _outcome(one, curriculum_id):
    with one.app_context():
        curriculum = db.session.get(Curriculum, curriculum_id)
        state = str(curriculum.state)
        broken, _ = verify(db.session)
        db.session.remove()
    return state, broken


class Race(NamedTuple):
    """What a race of two decisions left: the server to read the outcome on, the curriculum and
    its version before the race, which reviewer lost (0 or 1) and the loser's response."""

    server: Flask
    curriculum_id: int
    lock: int
    loser: int
    response: Any


def _decide_at_once(two_servers, send, meet, winner_status) -> Race:
    """Each reviewer ``n`` sends ``send(client, curriculum_id, lock, n)`` at the same moment, both
    meeting in ``meet`` first; one is answered ``winner_status``, the other 409."""
    one, two = two_servers
    (curriculum_id, lock), clients = _setup(one, two)
    results = at_once(
        [lambda n=n: send(clients[n], curriculum_id, lock, n) for n in (0, 1)], meet=meet
    )
    statuses = sorted(getattr(r, "status_code", 0) for r in results)
    assert statuses == [winner_status, 409], [getattr(r, "status_code", r) for r in results]
    loser = next(n for n, r in enumerate(results) if r.status_code == 409)
    return Race(one, curriculum_id, lock, loser, results[loser])


def test_two_deciders_on_the_page_one_wins_the_other_gets_409_with_the_text(two_servers):
    typed = ["Approved after a full read-through.", "Denied: module 3 lacks hours & <details>."]
    decisions = ["approve", "deny"]

    def decide(client, curriculum_id, lock, n):
        return client.post(
            f"/review/{curriculum_id}/decision",
            data={"decision": decisions[n], "reason": typed[n], "lock_version": str(lock)},
        )

    race = _decide_at_once(two_servers, decide, (workflow, "decide"), 302)
    page = race.response.get_data(as_text=True)
    assert "changed" in page.lower()
    # The loser's text is in the decision form again, escaped, ready to send on the new state.
    escaped = typed[race.loser].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in page
    assert re.search(r'name="lock_version"[^>]*value="(\d+)"', page).group(1) != str(race.lock)
    state, broken = _outcome(race.server, race.curriculum_id)
    assert state == ("approved" if race.loser == 1 else "denied")
    assert broken is None


def test_two_deciders_through_the_api_one_wins_the_other_gets_409(two_servers):
    typed = ["Fine.", "Send it back: hours are short."]
    decisions = ["approve", "request_revisions"]

    def decide(client, curriculum_id, lock, n):
        return client.post(
            f"/api/v1/submissions/{curriculum_id}/decision",
            json={"decision": decisions[n], "reason": typed[n], "version": lock},
        )

    race = _decide_at_once(two_servers, decide, (services, "decide"), 200)
    body = race.response.get_json()
    assert body["error"]["status"] == 409
    assert body["submitted"]["reason"] == typed[race.loser]
    assert body["current"]["version"] != race.lock
    state, broken = _outcome(race.server, race.curriculum_id)
    assert state == ("approved" if race.loser == 1 else "revisions_requested")
    assert broken is None
