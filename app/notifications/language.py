"""The language an email is written in: its recipient's, whoever triggers it.

A recipient's language is, in order:

1. the saved choice of the account the address belongs to (the accounts package registers how
   to read it with ``@saved_locale``, since this package knows no domain);
2. the language of the request being served, when the email answers the person making it: the
   signed-in user writing to their own address, or a caller that says so (an acknowledgement to
   the public complaint filer, the confirmation of a registration);
3. English.

Callers write the email inside ``in_language_of``, queue_email included (it adds the "Open:"
line), so every ``gettext`` and ``format_day`` in the block speaks the recipient's language::

    with in_language_of(session, user.email):
        queue_email(session, user.email, gettext("..."), gettext("...", day=format_day(d)), ...)

Flask-Babel's ``force_locale`` sets the locale on the application context itself, so it wins
over the app's selector (which answers English outside a request): a reminder the worker queues
is written in each recipient's language as well.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from flask import has_request_context
from flask_babel import force_locale
from flask_login import current_user
from sqlalchemy.orm import Session

from app.i18n.locale import (
    DEFAULT_LOCALE,
    FORMAT_LOCALES,
    LOCALES,
    current_locale,
    format_day,
    select_locale,
)

# Reads the saved locale of the account with this (normalized) address; None when there is none.
SavedLocale = Callable[[Session, str], str | None]
SAVED_LOCALES: list[SavedLocale] = []


def saved_locale(function: SavedLocale) -> SavedLocale:
    """Register ``function`` as a way to read an address's saved language."""
    if function not in SAVED_LOCALES:
        SAVED_LOCALES.append(function)
    return function


def _address(value: str) -> str:
    return (value or "").strip().lower()


def _is_the_requester(address: str) -> bool:
    """True when a signed-in user is being written to at their own address."""
    if not has_request_context():
        return False
    user = current_user
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return _address(getattr(user, "email", "")) == address


def language_of(session: Session, address: str, *, answers_request: bool = False) -> str:
    """The locale an email to ``address`` is written in (see the module's docstring)."""
    address = _address(address)
    for lookup in SAVED_LOCALES:
        found = lookup(session, address)
        if found in LOCALES:
            return found
    if has_request_context() and (answers_request or _is_the_requester(address)):
        return select_locale()
    return DEFAULT_LOCALE


@contextmanager
def in_language_of(
    session: Session, address: str, *, answers_request: bool = False
) -> Iterator[str]:
    """Write what the block writes (gettext, format_day) in ``address``'s language; yields it."""
    locale = language_of(session, address, answers_request=answers_request)
    with force_locale(locale):
        yield locale


@contextmanager
def in_saved_locale(locale: str | None) -> Iterator[str]:
    """Write in a locale already read from the recipient's account (English without a known
    one): what ``in_language_of`` does for an address, without a query per email."""
    chosen = locale if locale in LOCALES else DEFAULT_LOCALE
    with force_locale(chosen):
        yield chosen


def email_day(value: date) -> str:
    """A date in an email: ``December 07, 2026`` in English, as the emails have always written
    it; the language's long form elsewhere (``7 de diciembre de 2026``)."""
    if current_locale() in FORMAT_LOCALES:
        return format_day(value)
    return f"{value:%B %d, %Y}"


def in_every_language(write: Callable[[], str]) -> set[str]:
    """What ``write`` writes in each language. A reminder that is sent once is recognized in
    the outbox by its subject in whichever language it went out."""
    written = set()
    for locale in LOCALES:
        with force_locale(locale):
            written.add(write())
    return written
