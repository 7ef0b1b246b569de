"""People and the organizations they belong to."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db


class Role(StrEnum):
    PROVIDER = "provider"
    REVIEWER = "reviewer"
    PEER = "peer"
    ADMIN = "admin"


class Organization(db.Model):
    """A training-provider organization; its members see only its curricula."""

    __tablename__ = "organization"
    # The administration page lists those awaiting approval from this index, not the table.
    __table_args__ = (
        Index(
            "ix_organization_awaiting_name",
            "name",
            postgresql_where=text("approved IS false"),
            sqlite_where=text("approved IS 0"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    contact_email: Mapped[str] = mapped_column(String(254))
    approved: Mapped[bool] = mapped_column(default=False)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    members: Mapped[list[User]] = relationship(back_populates="organization")


class User(UserMixin, db.Model):
    """A person who signs in: provider member, reviewer, peer or admin."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(String(20))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    active: Mapped[bool] = mapped_column(default=True)
    # Rotated at login and logout: a session cookie carries it, so an old cookie stops working.
    session_token: Mapped[str] = mapped_column(String(64), default="")
    # Set when the owner followed the emailed link (invitations and resets prove it too).
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The interface language the person chose ("en", "es"); None: the browser's.
    locale: Mapped[str | None] = mapped_column(String(8))

    organization: Mapped[Organization | None] = relationship(back_populates="members")

    def get_id(self) -> str:
        """Flask-Login identity: user id plus the current session token."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # Flask-Login reads this
        return self.active


class Invitation(db.Model):
    """An invitation to join as a reviewer, an admin or a colleague in a provider organization."""

    __tablename__ = "invitation"
    # The administration page lists the invitations not yet accepted from this index.
    __table_args__ = (
        Index(
            "ix_invitation_pending_created_at",
            "created_at",
            postgresql_where=text("accepted_at IS NULL"),
            sqlite_where=text("accepted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[Role] = mapped_column(String(20))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the emailed token
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organization: Mapped[Organization | None] = relationship()


class AccountToken(db.Model):
    """A single-use emailed token: password reset or email verification (only its hash kept)."""

    __tablename__ = "account_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))  # "reset" or "verify"
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TotpCredential(db.Model):
    """An authenticator app enrolled as the account's second factor (RFC 6238, 30 s, 6 digits)."""

    __tablename__ = "totp_credential"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The time step of the last accepted code: a code is accepted once, never replayed.
    last_counter: Mapped[int] = mapped_column(default=0)


class RecoveryCode(db.Model):
    """A one-time code for when the authenticator app is lost (only its hash is stored)."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
