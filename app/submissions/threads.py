"""Comment threads on a submission: a reviewer opens one on a module or a competency of the
version under review; the provider answers in it without resubmitting; either side replies.

Every message is written to the audit log (on the curriculum, so the timeline shows it), and the
other side is told by email with a link to the page where they answer."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.alerts import notify
from app.audit.services import record_by
from app.auth.models import Role, User
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.i18n.data import N_
from app.messages import Message, term
from app.notifications.services import queue_email_to_each
from app.submissions.common import part_of
from app.submissions.models import Curriculum
from app.submissions.services import comment_targets
from app.submissions.states import SubmissionState
from app.submissions.thread_models import CommentThread, ThreadMessage

# The page a person answers on: ``link(thread, audience)`` with audience "provider" or "reviewer".
Link = Callable[[CommentThread, str], str]

REVIEWER_ROLES = (Role.REVIEWER, Role.ADMIN)
# A thread takes no new message once the application is closed this way.
CLOSED_STATES = (SubmissionState.WITHDRAWN,)


def threads_of(session: Session, curriculum: Curriculum) -> list[CommentThread]:
    """The curriculum's threads, oldest first, with their messages and authors (two queries)."""
    return list(
        session.scalars(
            select(CommentThread)
            .where(CommentThread.curriculum_id == curriculum.id)
            .options(
                selectinload(CommentThread.messages).selectinload(ThreadMessage.author),
                selectinload(CommentThread.version),
            )
            .order_by(CommentThread.opened_at, CommentThread.id)
        )
    )


def thread_of(session: Session, curriculum: Curriculum, thread_id: int) -> CommentThread:
    """The thread if it belongs to ``curriculum`` (which the caller has already authorized)."""
    return part_of(
        session, CommentThread, thread_id, curriculum, Message("There is no such thread.")
    )


def open_thread(
    session: Session,
    curriculum: Curriculum,
    reviewer: User,
    *,
    target: str,
    text: str,
    link: Link,
) -> CommentThread:
    """A reviewer opens a thread on one module or competency of the version under review; the
    provider's organization is told."""
    if reviewer.role not in REVIEWER_ROLES:
        raise Forbidden(Message("Only reviewers open a thread; answer in an existing one."))
    _require_open(curriculum)
    version = curriculum.current_version
    if version is None or target not in comment_targets(version):
        raise DomainError(Message("Choose a module or competency of the version under review."))
    body = _body(text)
    thread = CommentThread(
        curriculum_id=curriculum.id, version_id=version.id, target=target, opened_by_id=reviewer.id
    )
    thread.messages.append(ThreadMessage(author_id=reviewer.id, body=body))
    session.add(thread)
    session.flush()
    _audit(session, curriculum, reviewer, "open_thread", thread, thread.messages[0])
    _tell_provider(session, thread, thread.messages[0], link)
    session.flush()
    return thread


def reply(
    session: Session,
    curriculum: Curriculum,
    thread: CommentThread,
    author: User,
    *,
    text: str,
    link: Link,
) -> ThreadMessage:
    """The provider or a reviewer answers in a thread; the other side is told."""
    if thread.curriculum_id != curriculum.id:
        raise NotFound(Message("There is no such thread."))
    is_reviewer = author.role in REVIEWER_ROLES
    if not is_reviewer and (
        author.role != Role.PROVIDER or author.organization_id != curriculum.organization_id
    ):
        raise NotFound(Message("There is no such thread."))
    _require_open(curriculum)
    body = _body(text)
    message = ThreadMessage(thread_id=thread.id, author_id=author.id, body=body)
    thread.messages.append(message)
    session.flush()
    _audit(session, curriculum, author, "reply_in_thread", thread, message)
    if is_reviewer:
        _tell_provider(session, thread, message, link)
    else:
        _tell_reviewers(session, thread, message, link)
    session.flush()
    return message


def _body(text: str) -> str:
    body = (text or "").strip()
    if not body:
        raise DomainError(Message("Write the message."))
    return body


def _require_open(curriculum: Curriculum) -> None:
    if curriculum.state == SubmissionState.DRAFT:
        raise NotFound(Message("There is no such curriculum."))
    if curriculum.state in CLOSED_STATES:
        raise Conflict(
            Message(
                "This application is %(state)s; its threads are closed.",
                state=term(curriculum.state.replace("_", " ")),
            )
        )


def _audit(
    session: Session,
    curriculum: Curriculum,
    actor: User,
    action: str,
    thread: CommentThread,
    message: ThreadMessage,
) -> None:
    record_by(
        session,
        actor,
        "curriculum",
        curriculum.id,
        action,
        reason=message.body,
        details={"thread_id": thread.id, "message_id": message.id, "on": thread.target},
    )


# A thread's emails by the side told: the subject and the body, translated when written in each
# reader's language; %(link)s is the thread's page on that side.
THREAD_EMAILS = {
    "provider": (
        N_("A reviewer writes about %(target)s: %(title)s"),
        N_(
            "%(author)s wrote about %(target)s of “%(title)s”:\n\n%(body)s\n\n"
            "Answer in the thread (no new version is needed): %(link)s"
        ),
    ),
    "reviewer": (
        N_("The provider answers about %(target)s: %(title)s"),
        N_(
            "%(author)s answered about %(target)s of “%(title)s”:\n\n%(body)s\n\n"
            "Read and reply: %(link)s"
        ),
    ),
}


def _thread_email(side: str, thread: CommentThread, message: ThreadMessage, url: str):
    """The subject and body telling ``side`` of ``message``, in the language in force."""
    subject, body = THREAD_EMAILS[side]
    about = {"target": thread.target, "title": thread.curriculum.title}
    return gettext(subject, **about), gettext(
        body, author=message.author.name, body=message.body, link=url, **about
    )


def _tell_provider(
    session: Session, thread: CommentThread, message: ThreadMessage, link: Link
) -> None:
    """The active members of the provider's organization, but the author of ``message``."""
    url = link(thread, "provider")
    queue_email_to_each(
        session,
        [
            member.email
            for member in thread.curriculum.organization.members
            if member.active and member.id != message.author_id
        ],
        lambda: _thread_email("provider", thread, message, url),
        category="thread",
        link=url,
    )


def _tell_reviewers(
    session: Session, thread: CommentThread, message: ThreadMessage, link: Link
) -> None:
    """The reviewers who wrote in the thread and the one assigned to the curriculum, but the
    author of ``message``."""
    people = {m.author.id: m.author for m in thread.messages if m.author.role in REVIEWER_ROLES}
    assigned = thread.curriculum.assigned_to
    if assigned is not None:
        people[assigned.id] = assigned
    url = link(thread, "reviewer")
    notify.tell_reviewers(
        session,
        [p for p in people.values() if p.active and p.id != message.author_id],
        write=lambda: _thread_email("reviewer", thread, message, url),
        link=url,
        category="thread",
        digest=False,
    )
