"""Comment threads: a reviewer opens one, the provider answers without resubmitting, each message
is audited and the other side told; another organization's provider sees nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.errors import DomainError, Forbidden, NotFound
from app.extensions import db
from app.notifications.models import OutboxEmail
from app.submissions import services, threads
from app.submissions.models import Curriculum
from app.submissions.thread_models import CommentThread
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum


def _link(thread, audience):
    return f"https://example.test/{audience}/{thread.curriculum_id}#thread-{thread.id}"


@pytest.fixture
def setting(db):
    provider = make_user(Role.PROVIDER)
    colleague = make_user(Role.PROVIDER, organization=provider.organization)
    reviewer = make_user(Role.REVIEWER)
    curriculum = make_curriculum(provider, state="submitted")
    target = services.comment_targets(curriculum.current_version)[0]
    return {
        "provider": provider,
        "colleague": colleague,
        "reviewer": reviewer,
        "curriculum": curriculum,
        "target": target,
    }


def _emails(to):
    """The thread emails sent to ``to`` (a submission also tells reviewers, in another category)."""
    query = select(OutboxEmail).where(OutboxEmail.recipient == to, OutboxEmail.category == "thread")
    return list(db.session.scalars(query))


def _thread_events(curriculum):
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.subject_type == "curriculum",
                AuditEvent.subject_id == curriculum.id,
                AuditEvent.action.in_(["open_thread", "reply_in_thread"]),
            )
            .order_by(AuditEvent.seq)
        )
    )


def test_reviewer_opens_provider_replies_without_a_new_version(setting):
    s = setting
    curriculum = s["curriculum"]
    versions = len(curriculum.versions)
    thread = threads.open_thread(
        db.session,
        curriculum,
        s["reviewer"],
        target=s["target"],
        text="How long is the role play?",
        link=_link,
    )
    mail = _emails(s["provider"].email) + _emails(s["colleague"].email)
    assert len(mail) == 2
    assert f"https://example.test/provider/{curriculum.id}#thread-{thread.id}" in mail[0].body
    assert "How long is the role play?" in mail[0].body

    threads.reply(db.session, curriculum, thread, s["provider"], text="Forty minutes.", link=_link)
    db.session.commit()
    told = _emails(s["reviewer"].email)
    assert len(told) == 1 and f"/reviewer/{curriculum.id}#thread-{thread.id}" in told[0].body
    assert not [
        e for e in _emails(s["provider"].email) if "Forty" in e.body
    ]  # not told of own words

    threads.reply(db.session, curriculum, thread, s["reviewer"], text="Thanks.", link=_link)
    db.session.commit()
    assert [m.body for m in thread.messages] == [
        "How long is the role play?",
        "Forty minutes.",
        "Thanks.",
    ]
    events = _thread_events(curriculum)
    assert [(e.action, e.actor_id, e.reason) for e in events] == [
        ("open_thread", s["reviewer"].id, "How long is the role play?"),
        ("reply_in_thread", s["provider"].id, "Forty minutes."),
        ("reply_in_thread", s["reviewer"].id, "Thanks."),
    ]
    assert all(e.details["thread_id"] == thread.id for e in events)
    assert len(curriculum.versions) == versions and curriculum.state == "submitted"


def test_only_reviewers_open_and_only_the_owner_replies(setting):
    s = setting
    with pytest.raises(Forbidden):
        threads.open_thread(
            db.session, s["curriculum"], s["provider"], target=s["target"], text="x", link=_link
        )
    thread = threads.open_thread(
        db.session, s["curriculum"], s["reviewer"], target=s["target"], text="x", link=_link
    )
    with pytest.raises(NotFound):
        threads.reply(
            db.session, s["curriculum"], thread, make_user(Role.PROVIDER), text="y", link=_link
        )
    other = make_curriculum(make_user(Role.PROVIDER), state="submitted")
    with pytest.raises(NotFound):
        threads.thread_of(db.session, other, thread.id)
    with pytest.raises(NotFound):
        threads.reply(db.session, other, thread, s["reviewer"], text="y", link=_link)


@pytest.mark.parametrize(("target", "text"), [("nothing of this version", "x"), (None, "   ")])
def test_a_thread_needs_a_target_of_the_version_and_a_message(setting, target, text):
    s = setting
    with pytest.raises(DomainError):
        threads.open_thread(
            db.session,
            s["curriculum"],
            s["reviewer"],
            target=target or s["target"],
            text=text,
            link=_link,
        )
    assert db.session.scalars(select(CommentThread)).all() == []


def _client(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client


def test_pages_open_reply_and_show_the_conversation_safely(app, setting):
    s = setting
    curriculum_id = s["curriculum"].id
    reviewer = _client(app, s["reviewer"])
    opened = reviewer.post(
        f"/curricula/{curriculum_id}/threads",
        data={
            "thread-target": s["target"],
            "thread-text": "Is **this** timed? <script>alert(1)</script>",
        },
    )
    assert opened.status_code == 302 and "/review/" in opened.headers["Location"]
    thread_id = db.session.scalars(select(CommentThread.id)).one()
    assert opened.headers["Location"].endswith(f"#thread-{thread_id}")

    provider = _client(app, s["provider"])
    page = provider.get(f"/curricula/{curriculum_id}").get_data(as_text=True)
    assert f'id="thread-{thread_id}"' in page
    assert "<strong>this</strong>" in page and "<script>alert(1)" not in page
    answered = provider.post(
        f"/curricula/{curriculum_id}/threads/{thread_id}/reply",
        data={f"reply-{thread_id}-text": "Yes, 40 minutes."},
    )
    assert answered.status_code == 302 and "/curricula/" in answered.headers["Location"]
    review = reviewer.get(f"/review/{curriculum_id}").get_data(as_text=True)
    assert "Yes, 40 minutes." in review
    db.session.expire_all()
    assert db.session.get(Curriculum, curriculum_id).state == "submitted"

    outsider = _client(app, make_user(Role.PROVIDER))
    refused = outsider.post(
        f"/curricula/{curriculum_id}/threads/{thread_id}/reply",
        data={f"reply-{thread_id}-text": "Peeking."},
    )
    assert refused.status_code == 404
    assert (
        provider.post(
            f"/curricula/{curriculum_id}/threads",
            data={"thread-target": s["target"], "thread-text": "x"},
        ).status_code
        == 403
    )


def test_a_refused_reply_comes_back_with_what_was_typed(app, setting):
    s = setting
    thread = threads.open_thread(
        db.session, s["curriculum"], s["reviewer"], target=s["target"], text="Question", link=_link
    )
    db.session.commit()
    provider = _client(app, s["provider"])
    long_text = "word " * 1200
    refused = provider.post(
        f"/curricula/{s['curriculum'].id}/threads/{thread.id}/reply",
        data={f"reply-{thread.id}-text": long_text},
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "There is a problem" in page and long_text.strip() in page and "Question" in page
    empty = provider.post(
        f"/curricula/{s['curriculum'].id}/threads/{thread.id}/reply",
        data={f"reply-{thread.id}-text": ""},
    )
    assert empty.status_code == 400 and "Write the reply." in empty.get_data(as_text=True)


def test_a_refused_thread_keeps_the_chosen_target_and_text(app, setting):
    s = setting
    reviewer = _client(app, s["reviewer"])
    refused = reviewer.post(
        f"/curricula/{s['curriculum'].id}/threads",
        data={"thread-target": s["target"], "thread-text": ""},
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Write the message." in page
    assert (
        f'<option selected value="{s["target"]}"' in page
        or f'value="{s["target"]}" selected' in page
    )
