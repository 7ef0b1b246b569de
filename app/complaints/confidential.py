"""Names on a complaint's confidentiality list (§806.1.D) never leave the app: one function,
``redact``, replaces each of them by its reference number on every output.

It is applied at the boundaries rather than by each page: every response of the web app (pages,
CSV, JSON) and every email put in the outbox pass through it, and the person export calls it
(``redact_tree``). Which names apply is known from what the request or command read: any
complaint, appeal, audit event or confidential name loaded in the database session marks its
complaint as shown, and the names of every shown complaint are replaced. The one page that shows
the names themselves (the staff's confidentiality list) says so with ``show_names``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from flask import g
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.appeals.models import Appeal
from app.audit.models import AuditEvent
from app.complaints.models import Complaint, ConfidentialName
from app.notifications.models import OutboxEmail

SHOWN = "complaints_shown"
REDACTED_TYPES = ("text/html", "text/csv", "text/plain", "application/json")
_SEPARATOR = r"[\s\-‐‑–.,]+"


def _base(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Each base letter and the accented Latin letters that fold to it."""
    found: dict[str, set[str]] = {}
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = _base(ch).lower()
        if len(base) == 1 and base.isalpha():
            found.setdefault(base, set()).update({ch, ch.lower(), ch.upper()})
    return {k: "".join(sorted(v)) for k, v in found.items()}


# Characters a page writes escaped: a name matches in its HTML spelling too.
_ESCAPED = {
    "'": "(?:'|’|&#39;|&#x27;)",
    "’": "(?:'|’|&#39;|&#x27;)",
    "&": "(?:&|&amp;)",
    '"': '(?:"|&#34;|&quot;)',
    "<": "(?:<|&lt;)",
    ">": "(?:>|&gt;)",
}


def _letter(ch: str) -> str:
    if ch in _ESCAPED:
        return _ESCAPED[ch]
    base = _base(ch).lower()
    if len(base) == 1 and base.isalpha():
        extra = _variants().get(base, "")
        return f"[{re.escape(base + base.upper() + extra)}]"
    return re.escape(ch)


@lru_cache(maxsize=4096)
def name_pattern(name: str) -> re.Pattern[str]:
    """A whole-word pattern for ``name`` that ignores case, accents, and whether its words are
    separated by spaces, hyphens or line breaks; it matches the HTML-escaped spelling too."""
    words = [w for w in re.split(r"[\s\-‐‑–]+", name.strip()) if w]
    body = _SEPARATOR.join("".join(_letter(c) for c in w) for w in words)
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)")


def redact(text: str, names: Sequence[tuple[str, str]]) -> str:
    """``text`` with every listed name replaced by its reference (longest names first)."""
    if not text or not names:
        return text
    for name, reference in sorted(names, key=lambda n: len(n[0]), reverse=True):
        if name.strip():
            text = name_pattern(name).sub(reference, text)
    return text


def redact_tree(value: Any, names: Sequence[tuple[str, str]]) -> Any:
    """``redact`` applied to every string inside dictionaries and lists."""
    if not names:
        return value
    if isinstance(value, str):
        return redact(value, names)
    if isinstance(value, dict):
        return {k: redact_tree(v, names) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_tree(v, names) for v in value]
    return value


def names_of(session: Session, complaint_ids: Iterable[int] | None = None) -> list[tuple[str, str]]:
    """(name, reference) of the listed names of ``complaint_ids`` (of every complaint if None),
    including names added in this session and not yet written."""
    query = select(ConfidentialName)
    if complaint_ids is not None:
        ids = sorted(set(complaint_ids))
        if not ids:
            return []
        query = query.where(ConfidentialName.complaint_id.in_(ids))
    with session.no_autoflush:
        listed = list(session.scalars(query))
    pending = [
        n
        for n in session.new
        if isinstance(n, ConfidentialName)
        and (complaint_ids is None or n.complaint_id in set(complaint_ids))
    ]
    return [(n.name, n.reference) for n in [*listed, *pending] if n.name]


def shown_names(session: Session) -> list[tuple[str, str]]:
    """The listed names of every complaint this session has read or written."""
    shown = session.info.get(SHOWN)
    return names_of(session, shown) if shown else []


def show_names() -> None:
    """The current page is the staff's confidentiality list: its names are shown as they are."""
    g.confidential_names_shown = True


def _note(session: Session, instance: object) -> None:
    complaint_id = None
    if isinstance(instance, Complaint):
        complaint_id = instance.id
    elif isinstance(instance, ConfidentialName | Appeal):
        complaint_id = instance.complaint_id
    elif isinstance(instance, AuditEvent) and instance.subject_type == "complaint":
        complaint_id = instance.subject_id
    if complaint_id is not None:
        session.info.setdefault(SHOWN, set()).add(complaint_id)


@event.listens_for(Session, "loaded_as_persistent")
def _loaded(session: Session, instance: object) -> None:
    _note(session, instance)


@event.listens_for(Session, "pending_to_persistent")
def _written(session: Session, instance: object) -> None:
    _note(session, instance)


@event.listens_for(Session, "before_flush")
def _redact_outgoing_email(session: Session, flush_context, instances) -> None:
    emails = [e for e in session.new if isinstance(e, OutboxEmail)]
    if not emails:
        return
    for obj in session.new:  # a complaint written in this same flush counts as shown too
        if isinstance(obj, Complaint | ConfidentialName) and getattr(obj, "id", None):
            _note(session, obj)
    names = shown_names(session)
    for email in emails:
        email.subject = redact(email.subject, names)
        email.body = redact(email.body, names)


def redact_response(response, session: Session):
    """The after-request step: the body of a page, CSV or JSON answer with the names of every
    complaint the request read replaced by their references."""
    if g.get("confidential_names_shown") or response.direct_passthrough or response.is_streamed:
        return response
    if response.mimetype not in REDACTED_TYPES:
        return response
    names = shown_names(session)
    if not names:
        return response
    if response.mimetype == "application/json":
        data = response.get_json(silent=True)
        if data is not None:
            response.set_data(json.dumps(redact_tree(data, names)))
        return response
    response.set_data(redact(response.get_data(as_text=True), names))
    return response


def forget_unsent(session: Session, item: ConfidentialName) -> int:
    """Replace a newly listed name in the emails still waiting in the outbox; their count."""
    changed = 0
    names = [(item.name, item.reference)]
    for email in session.scalars(select(OutboxEmail).where(OutboxEmail.sent_at.is_(None))):
        subject, body = redact(email.subject, names), redact(email.body, names)
        if (subject, body) != (email.subject, email.body):
            email.subject, email.body = subject, body
            changed += 1
    return changed
