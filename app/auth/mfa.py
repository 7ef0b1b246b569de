"""The second factor: TOTP authenticator apps (pyotp) with one-time recovery codes.

Services take the session; no Flask. A code is accepted once (the time step is stored with a
conditional UPDATE, so a replayed or raced code fails), a recovery code is spent with one
conditional UPDATE too, and failures are limited per account by ``app.limits.counters``.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import timedelta

import pyotp
import segno
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.auth.models import RecoveryCode, TotpCredential, User
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError
from app.limits import counters
from app.messages import Message
from app.security_log.services import Origin, log_event

ISSUER = "Curriculum Mapper"
RECOVERY_CODES = 10
MAX_FAILURES = 5
LOCK = timedelta(minutes=15)


class WrongCode(DomainError):
    status = 400


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str, label: str = "QR code to scan with your authenticator app") -> str:
    """The otpauth URI as an inline SVG QR code, drawn on the server (no script, no CDN), with
    ``label`` (in the page's language) as its title and accessible name."""
    svg = segno.make(uri, error="m").svg_inline(scale=4, title=label, dark="#000", light="#fff")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _code_hash(code: str) -> str:
    return hashlib.sha256(_normalize(code).encode()).hexdigest()


def _normalize(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def _matching_counter(secret: str, code: str, at: float) -> int | None:
    """The time step whose code is ``code`` (now, or one step either side), if any."""
    totp = pyotp.TOTP(secret)
    digits = _normalize(code)
    if len(digits) != totp.digits or not digits.isdigit():
        return None
    current = int(at // totp.interval)
    for counter in (current, current - 1, current + 1):
        if secrets.compare_digest(totp.generate_otp(counter), digits):
            return counter
    return None


def has_second_factor(session: Session, user: User) -> bool:
    return has_second_factor_id(session, user.id)


def has_second_factor_id(session: Session, user_id: int) -> bool:
    return (
        session.scalar(select(TotpCredential.user_id).where(TotpCredential.user_id == user_id))
        is not None
    )


def _new_recovery_codes(session: Session, user: User) -> list[str]:
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = secrets.token_hex(5)  # 40 bits, shown as xxxxx-xxxxx
        codes.append(f"{raw[:5]}-{raw[5:]}")
    session.add_all(RecoveryCode(user_id=user.id, code_hash=_code_hash(c)) for c in codes)
    return codes


def enroll(
    session: Session, user: User, secret: str, code: str, *, origin: Origin | None = None
) -> list[str]:
    """Keep ``secret`` as ``user``'s second factor once ``code`` shows the app has it; returns
    the recovery codes (shown once, stored hashed)."""
    if session.get(TotpCredential, user.id) is not None:
        raise Conflict(Message("An authenticator app is already set up; remove it first."))
    counter = _matching_counter(secret, code, time.time())
    if counter is None:
        raise WrongCode(
            Message("That code does not match; check the app's clock and try the new code.")
        )
    session.add(TotpCredential(user_id=user.id, secret=secret, last_counter=counter))
    codes = _new_recovery_codes(session, user)
    log_event(session, "mfa_enroll", "success", origin=origin, user_id=user.id)
    session.flush()
    return codes


def regenerate_recovery_codes(
    session: Session, user: User, *, origin: Origin | None = None
) -> list[str]:
    if session.get(TotpCredential, user.id) is None:
        raise Conflict(Message("Set up an authenticator app first."))
    codes = _new_recovery_codes(session, user)
    log_event(session, "mfa_recovery_codes", "success", origin=origin, user_id=user.id)
    session.flush()
    return codes


def remaining_recovery_codes(session: Session, user: User) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(RecoveryCode)
            .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        )
        or 0
    )


def remove(session: Session, user: User, *, origin: Origin | None = None) -> None:
    session.execute(delete(TotpCredential).where(TotpCredential.user_id == user.id))
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    log_event(session, "mfa_remove", "success", origin=origin, user_id=user.id)
    session.flush()


def take_confirmation_attempt(session: Session, user: User) -> bool:
    """Count one attempt to confirm it is ``user`` before a sensitive action; True while they are
    within the limit. Like a sign-in attempt, the count is committed before the password is
    checked, so parallel guesses cannot outrun the limit."""
    taken = counters.take(
        session, f"reauth:{user.id}", limit=5, window=timedelta(minutes=15), now=utcnow()
    )
    session.commit()  # counted before the password is checked
    return taken.allowed


def confirmation_succeeded(session: Session, user: User) -> None:
    """The password (and code) were right: the count of attempts to confirm starts again."""
    counters.clear(session, f"reauth:{user.id}")


def check(session: Session, user: User, code: str, *, origin: Origin | None = None) -> bool:
    """True once for a right code (TOTP or an unused recovery code); the caller commits.

    After MAX_FAILURES wrong authenticator codes, authenticator codes are refused for LOCK.
    Recovery codes are never locked out: someone who has only the password could otherwise
    lock the owner out by typing wrong codes. A recovery code has about 2**40 values (ten hex
    digits) and is spent on use, so guessing one is hopeless at any rate the sign-in limits
    allow; each wrong one is still a security event.
    """
    now = utcnow()
    key = f"mfa:{user.id}"
    credential = session.get(TotpCredential, user.id)
    if credential is not None and len(_normalize(code)) == 10:
        method = "recovery"
        ok = (
            session.execute(
                update(RecoveryCode)
                .where(
                    RecoveryCode.user_id == user.id,
                    RecoveryCode.code_hash == _code_hash(code),
                    RecoveryCode.used_at.is_(None),
                )
                .values(used_at=now)
                .execution_options(synchronize_session=False)
            ).rowcount
            == 1
        )
        allowed = True
        if ok:
            counters.clear(session, key)
    else:
        method = "totp"
        taken = counters.take(session, key, limit=MAX_FAILURES, window=LOCK, now=now)
        session.commit()  # counted before the code is checked
        allowed, ok = taken.allowed, False
        counter = None
        if allowed and credential is not None:
            counter = _matching_counter(credential.secret, code, time.time())
        if counter is not None:
            ok = (
                session.execute(
                    update(TotpCredential)
                    .where(TotpCredential.user_id == user.id, TotpCredential.last_counter < counter)
                    .values(last_counter=counter)
                    .execution_options(synchronize_session=False)
                ).rowcount
                == 1
            )
        if ok:
            counters.clear(session, key)
        elif allowed and taken.attempts >= MAX_FAILURES:
            counters.lock(session, key, until=now + LOCK)
    log_event(
        session,
        "mfa",
        "success" if ok else ("failure" if allowed else "locked"),
        origin=origin,
        user_id=user.id,
        details={"method": method},
    )
    return ok
