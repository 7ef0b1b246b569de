"""The sign-in limit: three counters taken before the password is checked.

- per account and address (``pair``): ``max_attempts`` failures lock that address out of that
  account, for ``lock_minutes`` doubled at each further lock (up to ``lock_max_minutes``); a
  stranger who guesses locks out only their own address;
- per account (``account``): ``account_max_attempts`` password checks from any addresses lock
  the account for ``lock_minutes`` (a fixed time: many addresses guessing cannot extend it
  indefinitely); the owner's correct password together with a second factor passes this lock,
  and a password reset by email ends it;
- per address (``address``): ``address_max_attempts`` failures from one address, whatever the
  accounts, lock that address out of signing in for ``lock_minutes``.

Keys hold a hash of the address typed, so an unknown address is counted exactly like a known one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.limits import counters


@dataclass(frozen=True)
class LoginLimits:
    max_attempts: int = 5
    lock_minutes: int = 15
    lock_max_minutes: int = 24 * 60
    account_max_attempts: int = 20
    address_max_attempts: int = 50

    @classmethod
    def from_config(cls, config) -> LoginLimits:
        return cls(
            max_attempts=int(config["LOGIN_MAX_ATTEMPTS"]),
            lock_minutes=int(config["LOGIN_LOCK_MINUTES"]),
            lock_max_minutes=int(config["LOGIN_LOCK_MAX_MINUTES"]),
            account_max_attempts=int(config["LOGIN_ACCOUNT_MAX_ATTEMPTS"]),
            address_max_attempts=int(config["LOGIN_ADDRESS_MAX_ATTEMPTS"]),
        )

    @property
    def window(self) -> timedelta:
        return timedelta(minutes=self.lock_minutes)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:48]


@dataclass(frozen=True)
class Keys:
    address: str
    pair: str
    account: str

    @classmethod
    def of(cls, email: str, address: str) -> Keys:
        return cls(
            address="login-address:" + _digest(address),
            pair="login-pair:" + _digest(email, address),
            account="login-account:" + _digest(email),
        )


@dataclass(frozen=True)
class Gate:
    """Whether the password may be checked; ``refused_by`` names the limit that said no."""

    keys: Keys
    allowed: bool
    refused_by: str = ""  # "", "address", "pair" or "account"
    pair: counters.Take | None = None
    account: counters.Take | None = None
    address: counters.Take | None = None

    @property
    def only_account_locked(self) -> bool:
        """Refused by the account-wide lock alone: a second factor may pass it."""
        return self.refused_by == "account"


def open_gate(
    session: Session, *, email: str, address: str, limits: LoginLimits, now: datetime
) -> Gate:
    """Take the attempt under the address, then the pair, then the account (the caller commits).

    A refused attempt is not counted against the next key, so one address cannot use up the
    account-wide allowance.
    """
    keys = Keys.of(email, address)
    by_address = counters.take(
        session, keys.address, limit=limits.address_max_attempts, window=limits.window, now=now
    )
    if not by_address.allowed:
        _lock_if_over(session, keys.address, by_address, limits.address_max_attempts, limits, now)
        return Gate(keys, False, "address", address=by_address)
    pair = counters.take(
        session, keys.pair, limit=limits.max_attempts, window=limits.window, now=now
    )
    if not pair.allowed:
        _lock_if_over(session, keys.pair, pair, limits.max_attempts, limits, now, exponential=True)
        return Gate(keys, False, "pair", pair=pair, address=by_address)
    account = counters.take(
        session, keys.account, limit=limits.account_max_attempts, window=limits.window, now=now
    )
    if not account.allowed:
        _lock_if_over(session, keys.account, account, limits.account_max_attempts, limits, now)
        return Gate(keys, False, "account", pair=pair, account=account, address=by_address)
    return Gate(keys, True, pair=pair, account=account, address=by_address)


def lock_duration(limits: LoginLimits, lockouts: int, *, exponential: bool) -> timedelta:
    """``lock_minutes``, doubled for each earlier lock when ``exponential``, at most the cap."""
    minutes = limits.lock_minutes * (2 ** min(lockouts, 16) if exponential else 1)
    return timedelta(minutes=min(minutes, max(limits.lock_max_minutes, limits.lock_minutes)))


def _lock_if_over(session, key, take, limit, limits, now, *, exponential=False) -> None:
    if take.locked_until is None and take.attempts >= limit:
        until = now + lock_duration(limits, take.lockouts, exponential=exponential)
        counters.lock(session, key, until=until)


def record_failure(session: Session, gate: Gate, *, limits: LoginLimits, now: datetime) -> bool:
    """After a wrong password: lock what reached its limit. True when the pair or account locked."""
    locked = False
    if gate.address is not None:
        _lock_if_over(
            session, gate.keys.address, gate.address, limits.address_max_attempts, limits, now
        )
    if gate.pair is not None and gate.pair.attempts >= limits.max_attempts:
        _lock_if_over(
            session, gate.keys.pair, gate.pair, limits.max_attempts, limits, now, exponential=True
        )
        locked = True
    if gate.account is not None and gate.account.attempts >= limits.account_max_attempts:
        _lock_if_over(
            session, gate.keys.account, gate.account, limits.account_max_attempts, limits, now
        )
        locked = True
    return locked


def record_success(session: Session, gate: Gate) -> None:
    """The owner signed in: their pair and account counters start again (the address's do not)."""
    counters.clear(session, gate.keys.pair, gate.keys.account)


def end_account_lock(session: Session, email: str) -> None:
    """A password reset proved ownership: the account-wide counter starts again."""
    counters.clear(session, Keys.of(email, "").account)
