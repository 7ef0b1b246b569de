"""Bump the page generation in every transaction that writes data a cached page may show.

Writes are noticed at flush (objects added, changed or deleted) and in ORM statements
(``insert``/``update``/``delete`` run through the session, and textual SQL that is not a
SELECT); the bump is an ``UPDATE`` of the one counter row made just before the commit, so the
change and the new generation become visible together, in every process.
"""

from __future__ import annotations

from sqlalchemy import event, update
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.sql.elements import TextClause

from app.pagecache.models import GENERATION_ROW, PageGeneration

# Tables no cached page shows: writing them (each sign-in attempt, security event, queued
# email, job lease) leaves the cached pages valid.
UNSHOWN_TABLES = frozenset(
    {"attempt_counter", "security_event", "outbox_email", "scheduled_job", "page_generation"}
)
_CHANGED = "page_data_changed"


def _shown(table_name: str | None) -> bool:
    return table_name not in UNSHOWN_TABLES


def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    if session.info.get(_CHANGED):
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__table__", None)
        if table is None or _shown(table.name):
            session.info[_CHANGED] = True
            return


def _do_orm_execute(state: ORMExecuteState) -> None:
    if state.is_select or state.session.info.get(_CHANGED):
        return
    statement = state.statement
    if isinstance(statement, TextClause):
        if statement.text.lstrip()[:6].upper() in ("SELECT", "PRAGMA"):
            return
        state.session.info[_CHANGED] = True
        return
    table = getattr(statement, "table", None)
    if table is None or _shown(getattr(table, "name", None)):
        state.session.info[_CHANGED] = True


def _before_commit(session: Session) -> None:
    # commit() flushes after this event: flush here so this transaction's writes are seen now.
    if session.new or session.dirty or session.deleted:
        session.flush()
    if session.info.pop(_CHANGED, False):
        bump(session)


def _after_transaction_end(session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction: committed or rolled back
        session.info.pop(_CHANGED, None)


def bump(session: Session) -> None:
    """Add one to the generation in the session's transaction (pages cached before it lapse)."""
    session.connection().execute(
        update(PageGeneration)
        .where(PageGeneration.id == GENERATION_ROW)
        .values(value=PageGeneration.value + 1)
    )


def install(session_class: type[Session]) -> None:
    """Listen on every session made from ``session_class`` (once per class)."""
    if event.contains(session_class, "before_commit", _before_commit):
        return
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "do_orm_execute", _do_orm_execute)
    event.listen(session_class, "before_commit", _before_commit)
    event.listen(session_class, "after_transaction_end", _after_transaction_end)
