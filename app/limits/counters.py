"""Atomic counters: take an attempt, lock, clear, prune. Plain SQL through a session, no Flask.

``take`` is one INSERT … ON CONFLICT DO UPDATE … RETURNING (SQLite 3.35+ and PostgreSQL): two
requests can never read the same count, whatever process or machine they run in. The caller
commits right after, before any slow work (a password check), so others see the count at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.limits.models import AttemptCounter

_TABLE = AttemptCounter.__table__


@dataclass(frozen=True)
class Take:
    """The outcome of taking one attempt under a key."""

    allowed: bool
    attempts: int  # this attempt's number in the window, 1 for the first
    locked_until: datetime | None
    lockouts: int
    retry_after: int  # seconds until another attempt can be allowed (0 when allowed)


def _insert(session: Session):
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    return insert(_TABLE)


def _seconds(delta: timedelta) -> int:
    return max(1, int(delta.total_seconds() + 0.999))


def take(session: Session, key: str, *, limit: int, window: timedelta, now: datetime) -> Take:
    """Count one attempt under ``key``; allowed while the key is not locked and within ``limit``.

    A window that has run out (or a lock that has ended) starts the count again.
    """
    session.execute(
        update(_TABLE)
        .where(
            _TABLE.c.key == key,
            or_(
                and_(_TABLE.c.locked_until.is_not(None), _TABLE.c.locked_until <= now),
                and_(_TABLE.c.locked_until.is_(None), _TABLE.c.window_started_at <= now - window),
            ),
        )
        .values(attempts=0, locked_until=None, window_started_at=now)
    )
    statement = (
        _insert(session)
        .values(key=key, attempts=1, window_started_at=now, locked_until=None, lockouts=0)
        .on_conflict_do_update(
            index_elements=[_TABLE.c.key], set_={"attempts": _TABLE.c.attempts + 1}
        )
        .returning(
            _TABLE.c.attempts,
            _TABLE.c.locked_until,
            _TABLE.c.lockouts,
            _TABLE.c.window_started_at,
        )
    )
    attempts, locked_until, lockouts, started = session.execute(statement).one()
    if locked_until is not None and locked_until > now:
        return Take(False, attempts, locked_until, lockouts, _seconds(locked_until - now))
    if attempts > limit:
        return Take(False, attempts, None, lockouts, _seconds(started + window - now))
    return Take(True, attempts, None, lockouts, 0)


def lock(session: Session, key: str, *, until: datetime) -> bool:
    """Lock ``key`` until ``until`` unless it is locked already; True when this call locked it."""
    result = session.execute(
        update(_TABLE)
        .where(_TABLE.c.key == key, _TABLE.c.locked_until.is_(None))
        .values(locked_until=until, lockouts=_TABLE.c.lockouts + 1)
    )
    return result.rowcount == 1


def clear(session: Session, *keys: str) -> None:
    """Forget the attempts and locks of ``keys`` (after a success that proves ownership)."""
    if keys:
        session.execute(delete(_TABLE).where(_TABLE.c.key.in_(keys)))


def locked_until(session: Session, key: str, *, now: datetime) -> datetime | None:
    """When the lock on ``key`` ends, or None when it is not locked."""
    row = session.execute(
        _TABLE.select().with_only_columns(_TABLE.c.locked_until).where(_TABLE.c.key == key)
    ).one_or_none()
    if row is None or row.locked_until is None or row.locked_until <= now:
        return None
    return row.locked_until


def prune(session: Session, *, now: datetime, older_than: timedelta) -> int:
    """Delete counters that are not locked and whose window started before ``now - older_than``."""
    result = session.execute(
        delete(_TABLE).where(
            _TABLE.c.window_started_at < now - older_than,
            or_(_TABLE.c.locked_until.is_(None), _TABLE.c.locked_until < now),
        )
    )
    return result.rowcount
