"""Two reviewers decide the same curriculum at the same moment: one wins, the other is told
so (409) and keeps what they typed, on the page and through the API."""

from __future__ import annotations

import re
from collections.abc import Callable
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


class Race(NamedTuple):
    """What a race of two decisions left: the server to read the outcome on, the curriculum and
    its version before the race, which reviewer lost (0 or 1) and the loser's response."""

    server: Flask
    curriculum_id: int
    lock: int
    loser: int
    response: Any


def _on_the_page(client, curriculum_id, lock, decision, reason):
    return client.post(
        f"/review/{curriculum_id}/decision",
        data={"decision": decision, "reason": reason, "lock_version": str(lock)},
    )


def _through_the_api(client, curriculum_id, lock, decision, reason):
    return client.post(
        f"/api/v1/submissions/{curriculum_id}/decision",
        json={"decision": decision, "reason": reason, "version": lock},
    )


class Channel(NamedTuple):
    """A way to send a decision: the request, the service function where both requests meet
    (having read the curriculum), and the status the winner is answered."""

    send: Callable
    meet: tuple
    winner_status: int


ON_THE_PAGE = Channel(_on_the_page, (workflow, "decide"), 302)
THROUGH_THE_API = Channel(_through_the_api, (services, "decide"), 200)


def _decide_at_once(two_servers, channel: Channel, decisions, typed) -> Race:
    """Reviewer ``n`` sends ``decisions[n]`` with the reason ``typed[n]`` through ``channel``, both
    at the same moment: one wins, the other is answered 409."""
    one, two = two_servers
    (curriculum_id, lock), clients = _setup(one, two)
    results = at_once(
        [
            lambda n=n: channel.send(clients[n], curriculum_id, lock, decisions[n], typed[n])
            for n in (0, 1)
        ],
        meet=channel.meet,
    )
    statuses = sorted(getattr(r, "status_code", 0) for r in results)
    assert statuses == [channel.winner_status, 409], [getattr(r, "status_code", r) for r in results]
    loser = next(n for n, r in enumerate(results) if r.status_code == 409)
    return Race(one, curriculum_id, lock, loser, results[loser])


def _state_after(race: Race) -> str:
    """The curriculum's state after the race, the audit chain checked unbroken."""
    with race.server.app_context():
        state = str(db.session.get(Curriculum, race.curriculum_id).state)
        broken, _ = verify(db.session)
        db.session.remove()
    assert broken is None
    return state


def test_two_deciders_on_the_page_one_wins_the_other_gets_409_with_the_text(two_servers):
    typed = ["Approved after a full read-through.", "Denied: module 3 lacks hours & <details>."]
    race = _decide_at_once(two_servers, ON_THE_PAGE, ["approve", "deny"], typed)
    page = race.response.get_data(as_text=True)
    assert "changed" in page.lower()
    # The loser's text is in the decision form again, escaped, ready to send on the new state.
    escaped = typed[race.loser].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in page
    assert re.search(r'name="lock_version"[^>]*value="(\d+)"', page).group(1) != str(race.lock)
    assert _state_after(race) == ("approved" if race.loser == 1 else "denied")


def test_two_deciders_through_the_api_one_wins_the_other_gets_409(two_servers):
    typed = ["Fine.", "Send it back: hours are short."]
    race = _decide_at_once(two_servers, THROUGH_THE_API, ["approve", "request_revisions"], typed)
    body = race.response.get_json()
    assert body["error"]["status"] == 409
    assert body["submitted"]["reason"] == typed[race.loser]
    assert body["current"]["version"] != race.lock
    assert _state_after(race) == ("approved" if race.loser == 1 else "revisions_requested")
