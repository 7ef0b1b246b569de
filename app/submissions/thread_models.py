"""Comment threads on a submission: a reviewer opens one on a module or a competency, and the
provider and the reviewers answer in it without a new version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db
from app.submissions.models import Curriculum, CurriculumVersion


class CommentThread(db.Model):
    """A conversation about one module or competency of a curriculum, opened on a version."""

    __tablename__ = "comment_thread"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curriculum.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("curriculum_version.id"))
    target: Mapped[str] = mapped_column(String(320))  # as services.comment_targets names it
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    curriculum: Mapped[Curriculum] = relationship()
    version: Mapped[CurriculumVersion] = relationship()
    opened_by: Mapped[User] = relationship()
    messages: Mapped[list[ThreadMessage]] = relationship(
        back_populates="thread", order_by="ThreadMessage.id", cascade="all, delete-orphan"
    )


class ThreadMessage(db.Model):
    """One message of a thread (the first is the reviewer's opening comment), in Markdown."""

    __tablename__ = "thread_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("comment_thread.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    thread: Mapped[CommentThread] = relationship(back_populates="messages")
    author: Mapped[User] = relationship()
