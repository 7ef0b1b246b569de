"""Every other state change two people can make at once: one goes through, the other is refused
with 409 and the page shows what happened, with what they typed kept."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

from app.auth.models import Role
from app.ce import services as ce_services
from app.complaints import services as complaint_services
from app.dates import add_years
from app.extensions import db
from app.policy import DEFAULT_POLICY
from app.providers import renewals
from app.registry import services as registry_services
from app.submissions import appealing, services, workflow
from tests.ce.factories import draw, make_profile
from tests.complaints.factories import make_complaint
from tests.factories import login, make_organization, make_user
from tests.races.conftest import at_once
from tests.registry.factories import make_record
from tests.submissions.factories import file_appeal, make_curriculum

TODAY = datetime.now(UTC).date()


def _race(two_servers, setup):
    """``setup()`` (on the first server, in its app context) returns two (user, url, form)
    and the service functions both requests must reach before either goes on."""
    one, two = two_servers
    with one.app_context():
        posts, meet = setup()
        clients = []
        for app, (user, _url, _data) in zip((one, two), posts, strict=True):
            client = app.test_client()
            assert login(client, user).status_code == 302
            clients.append(client)
        requests = [(url, data) for _user, url, data in posts]
        db.session.remove()
    results = at_once(
        [
            (lambda c=client, r=request: c.post(r[0], data=r[1]))
            for client, request in zip(clients, requests, strict=True)
        ],
        meet=meet,
    )
    return [getattr(r, "status_code", r) for r in results], results


def _one_wins(statuses, winner_status=302):
    assert sorted(s if isinstance(s, int) else 0 for s in statuses) == sorted(
        [winner_status, 409]
    ), statuses
    return statuses.index(409)


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _loser_keeps_what_they_typed(two_servers, setup, typed: list[str]) -> None:
    """Race the two posts of ``setup``: one goes through, and the other's 409 page shows the
    text its sender typed (``typed[n]`` for the ``n``-th post)."""
    statuses, results = _race(two_servers, setup)
    loser = _one_wins(statuses)
    assert typed[loser] in _page(results[loser])


def test_provider_withdraws_while_a_reviewer_denies(two_servers):
    def setup():
        provider = make_user(Role.PROVIDER)
        curriculum = make_curriculum(provider, state="submitted")
        base = f"/curricula/{curriculum.id}"
        posts = [
            (
                provider,
                f"{base}/withdraw",
                {"reason": "We found a mistake in module 2.", "confirm": "y"},
            ),
            (
                make_user(Role.REVIEWER),
                f"/review/{curriculum.id}/decision",
                {
                    "decision": "deny",
                    "reason": "Hours are short.",
                    "lock_version": str(curriculum.lock_version),
                },
            ),
        ]
        return posts, [(workflow, "withdraw"), (workflow, "decide")]

    statuses, results = _race(two_servers, setup)
    loser = _one_wins(statuses)
    typed = ["We found a mistake in module 2.", "Hours are short."][loser]
    assert typed in _page(results[loser])


def test_two_reviewers_take_the_same_item(two_servers):
    def setup():
        curriculum = make_curriculum(state="submitted")
        first, second = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
        url = f"/review/{curriculum.id}/assign"
        return [
            (first, url, {"assignee": str(first.id)}),
            (second, url, {"assignee": str(second.id)}),
        ], (workflow, "assign")

    statuses, results = _race(two_servers, setup)
    loser = _one_wins(statuses)
    assert "at the same time" in _page(results[loser])


def test_two_reviewers_decide_an_appeal(two_servers):
    def setup():
        provider = make_user(Role.PROVIDER)
        curriculum = make_curriculum(provider, state="submitted")
        denier = make_user(Role.REVIEWER)
        services.deny(db.session, curriculum, denier, DEFAULT_POLICY, reason="Short hours.")
        file_appeal(
            curriculum, provider, today=TODAY, nature="We disagree.", contact="lead@example.org"
        )
        db.session.commit()
        url = f"/review/{curriculum.id}/appeal"
        posts = [
            (
                make_user(Role.REVIEWER),
                url,
                {"outcome": "uphold", "reason": "The hours are short."},
            ),
            (
                make_user(Role.REVIEWER),
                url,
                {"outcome": "reverse", "reason": "They add up after all."},
            ),
        ]
        return posts, (appealing, "decide_appeal")

    _loser_keeps_what_they_typed(
        two_servers, setup, ["The hours are short.", "They add up after all."]
    )


def test_two_reviewers_decide_a_complaint(two_servers):
    def setup():
        complaint = make_complaint(organization=make_organization())
        investigator = make_user(Role.REVIEWER)
        complaint_services.investigate(db.session, complaint, investigator, today=TODAY)
        db.session.commit()
        url = f"/complaints/{complaint.id}/decide"
        version = str(complaint.lock_version)

        def form(outcome, reason):
            return {
                "decision-outcome": outcome,
                "decision-reason": reason,
                "decision-lock_version": version,
            }

        posts = [
            (investigator, url, form("unsubstantiated", "No evidence was found.")),
            (make_user(Role.REVIEWER), url, form("substantiated_no_action", "Confirmed twice.")),
        ]
        return posts, (complaint_services, "decide")

    _loser_keeps_what_they_typed(two_servers, setup, ["No evidence was found.", "Confirmed twice."])


def test_two_reviewers_close_the_same_records_review(two_servers):
    def setup():
        reviewer = make_user(Role.REVIEWER)
        issued = add_years(TODAY, -2) + timedelta(days=30)
        make_profile(issued_on=issued, legal_name="Pat Peer")
        audit = draw(reviewer, TODAY, TODAY + timedelta(days=60), seed=7)
        db.session.commit()
        selection = audit.selections[0]
        url = f"/ce/audits/{audit.id}/selections/{selection.id}/close"
        posts = [
            (reviewer, url, {"outcome": "referred", "note": "Sent to the ethics panel."}),
            (make_user(Role.REVIEWER), url, {"outcome": "not_compliant", "note": "No proof came."}),
        ]
        return posts, (ce_services, "close_review")

    _loser_keeps_what_they_typed(
        two_servers, setup, ["Sent to the ethics panel.", "No proof came."]
    )


def test_two_staff_change_the_same_registry_status(two_servers):
    def setup():
        record = make_record(certification_number="MPSS700002", today=TODAY)
        db.session.commit()
        url = f"/registry/records/{record.id}/status"

        def form(status, reason):
            return {
                "status": status,
                "action": "none",
                "effective_on": TODAY.isoformat(),
                "reason": reason,
            }

        posts = [
            (make_user(Role.REVIEWER), url, form("suspended", "Board order 12.")),
            (make_user(Role.ADMIN), url, form("revoked", "Board order 13.")),
        ]
        return posts, (registry_services, "change_status")

    _loser_keeps_what_they_typed(two_servers, setup, ["Board order 12.", "Board order 13."])


def test_two_reviewers_decide_the_same_approval_renewal(two_servers):
    def setup():
        provider = make_user(Role.PROVIDER)
        curriculum = make_curriculum(
            provider, state="approved", approved_on=TODAY - timedelta(days=700)
        )
        item = renewals.apply(db.session, curriculum, provider, DEFAULT_POLICY, today=TODAY)
        db.session.commit()
        url = f"/review/renewals/{item.id}"
        posts = [
            (make_user(Role.REVIEWER), url, {"outcome": "refuse", "reason": "Fee never arrived."}),
            (
                make_user(Role.REVIEWER),
                url,
                {"outcome": "renew", "fee_paid": "y", "reason": "Paid."},
            ),
        ]
        return posts, (renewals, "decide")

    _loser_keeps_what_they_typed(two_servers, setup, ["Fee never arrived.", "Paid."])
