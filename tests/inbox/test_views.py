"""The home page is the signed-in person's inbox, at a constant number of queries; reviewers
choose how new work is emailed through a CSRF-protected form."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from app.alerts import notify
from app.alerts.models import DAILY_DIGEST, IMMEDIATELY
from app.auth.models import Role
from app.registry.models import CERequirement, CertificationRecord
from app.submissions import services
from app.submissions.states import queue_key_of
from tests.ce.factories import make_profile
from tests.factories import login, make_user
from tests.queries import counting
from tests.submissions.factories import make_curriculum


def _assigned(db, reviewer, provider, n):
    for i in range(n):
        c = make_curriculum(provider, state="submitted", title=f"Course {i}")
        services.assign(db.session, c, reviewer, reviewer)
        c.due_on = c.due_on + timedelta(days=i)
        c.queue_key = queue_key_of(c.state, True, c.due_on)
    db.session.commit()


def test_signed_out_visitors_see_the_landing_page(client):
    page = client.get("/").get_data(as_text=True)
    assert "Training providers" in page and "Waiting for you" not in page


def test_reviewer_home_shows_counts_and_links_to_the_full_list(client, db):
    reviewer = make_user(Role.REVIEWER)
    provider = make_user(Role.PROVIDER)
    _assigned(db, reviewer, provider, 10)
    login(client, reviewer)
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'data-count="assigned">10<', page)
    assert page.count('href="/review/') >= 8
    assert "days left" in page and 'href="/review?view=mine"' in page and "See all 10" in page


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.PROVIDER, Role.PEER, Role.ADMIN])
def test_every_role_gets_an_inbox(client, role):
    login(client, make_user(role))
    response = client.get("/")
    assert response.status_code == 200
    assert "Waiting for you" in response.get_data(as_text=True)


def test_the_home_page_costs_the_same_queries_for_two_items_or_twenty(app, client, db):
    reviewer = make_user(Role.REVIEWER)
    provider = make_user(Role.PROVIDER)
    _assigned(db, reviewer, provider, 2)
    login(client, reviewer)
    client.get("/")  # warm: the first request loads what every later one shares
    with counting(db.engine) as few:
        assert client.get("/").status_code == 200
    _assigned(db, reviewer, provider, 18)
    with counting(db.engine) as many:
        assert client.get("/").status_code == 200
    assert len(many) == len(few), (len(few), len(many))


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.PEER])
def test_provider_and_peer_homes_cost_the_same_queries_as_items_grow(app, client, db, role):
    user = make_user(role)
    if role == Role.PEER:
        make_profile(
            user,
            issued_on=date(2025, 1, 1),
            legal_name=user.name,
            certification_number="MPSS512345",
        )
        db.session.commit()
    login(client, user)
    client.get("/")
    with counting(db.engine) as few:
        client.get("/")
    if role == Role.PROVIDER:
        for i in range(12):
            make_curriculum(user, title=f"Draft {i}")
            c = make_curriculum(user, state="submitted", title=f"Sent {i}")
            services.request_revisions(db.session, c, make_user(Role.REVIEWER), comments="More.")
    else:
        record = db.session.scalar(
            db.select(CertificationRecord).where(CertificationRecord.claimed_by_id == user.id)
        )
        for _ in range(12):
            db.session.add(
                CERequirement(record_id=record.id, sanction="LE6", imposed_on=date(2026, 1, 1))
            )
    db.session.commit()
    with counting(db.engine) as many:
        page = client.get("/").get_data(as_text=True)
    assert "See all 12" in page
    assert len(many) == len(few), (len(few), len(many))


def test_a_reviewer_chooses_the_daily_digest_and_it_is_kept(client, db):
    reviewer = make_user(Role.REVIEWER)
    login(client, reviewer)
    page = client.get("/account/email-delivery").get_data(as_text=True)
    assert '<input checked id="delivery-0"' in page and 'value="immediately"' in page
    response = client.post("/account/email-delivery", data={"delivery": DAILY_DIGEST})
    assert response.status_code == 302 and response.location.endswith("/")
    assert notify.delivery_of(db.session, reviewer) == DAILY_DIGEST
    home = client.get("/").get_data(as_text=True)
    assert "One email a day listing the new items" in home


def test_a_refused_choice_says_what_to_fix(client, db):
    reviewer = make_user(Role.REVIEWER)
    login(client, reviewer)
    response = client.post("/account/email-delivery", data={"delivery": "hourly"})
    assert response.status_code == 422
    assert "There is a problem" in response.get_data(as_text=True)
    assert notify.delivery_of(db.session, reviewer) == IMMEDIATELY


def test_the_setting_needs_the_csrf_token(csrf_app, db):
    client = csrf_app.test_client()
    reviewer = make_user(Role.REVIEWER)
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
    token = token or re.search(r'name="csrf_token" value="([^"]+)"', login_page)
    client.post(
        "/login",
        data={
            "email": reviewer.email,
            "password": "correct horse battery staple",
            "csrf_token": token.group(1),
        },
    )
    response = client.post("/account/email-delivery", data={"delivery": DAILY_DIGEST})
    assert response.status_code in (400, 422)
    assert notify.delivery_of(db.session, reviewer) == IMMEDIATELY


def test_the_staff_navigation_groups_secondary_links(client):
    reviewer = make_user(Role.REVIEWER)
    login(client, reviewer)
    page = client.get("/frameworks").get_data(as_text=True)
    nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    top = re.sub(r"<details.*?</details>", "", nav, flags=re.S)
    assert len(re.findall(r"href=", top)) <= 6
    assert "<summary>More</summary>" in nav and 'href="/review"' in top
    more = nav[nav.index("<details") :]
    assert 'href="/frameworks" aria-current="page"' in more and "<details open" in nav


def test_the_peer_is_told_the_reviewer_is_emailed_and_the_reviewer_is(client, db):
    from datetime import UTC, datetime

    from app.notifications.models import OutboxEmail
    from tests.inbox.factories import draw_one

    drawer = make_user(Role.REVIEWER)
    user, profile, audit = draw_one(drawer, datetime.now(UTC).date())
    login(client, user)
    page = client.post("/ce/audit/respond", follow_redirects=True).get_data(as_text=True)
    assert "the reviewer is emailed that your proof is uploaded" in page
    (mail,) = db.session.scalars(
        db.select(OutboxEmail).where(
            OutboxEmail.recipient == drawer.email, OutboxEmail.category == "review"
        )
    ).all()
    assert f"/ce/audits/{audit.id}" in mail.body and profile.certification_number in mail.subject
