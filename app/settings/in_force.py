"""The policy in force, read once per transaction: a page asks for it several times (the view,
its services, the template's numbers), and each reading was a query of the settings and a new
Policy. The reading is kept in the session's ``info`` until the transaction ends (commit or
rollback) or the session writes a setting, so a change is seen at once and nothing outlives the
request that read it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.policy import Policy
from app.settings.models import PolicySetting
from app.settings.services import current_policy

_KEY = "policy_in_force"


def policy_in_force(session: Session, config_overrides: dict[str, Any] | None = None) -> Policy:
    """``current_policy``, read at most once in the session's transaction."""
    kept = session.info.get(_KEY)
    if kept is not None and _setting_pending(session):
        kept = None  # a setting written or deleted but not yet flushed: the query would see it
    if kept is not None and kept[0] == (config_overrides or {}):
        return kept[1]
    found = current_policy(session, config_overrides)
    session.info[_KEY] = (dict(config_overrides or {}), found)
    return found


def _setting_pending(session: Session) -> bool:
    """Whether the session holds a setting added, changed or deleted and not yet flushed (in
    ``after_flush``, the ones just flushed)."""
    return any(
        isinstance(o, PolicySetting) for o in (*session.new, *session.dirty, *session.deleted)
    )


def _forget(session: Session, *_args: object) -> None:
    session.info.pop(_KEY, None)


event.listen(Session, "after_commit", _forget)
event.listen(Session, "after_soft_rollback", _forget)


@event.listens_for(Session, "after_flush")
def _forget_written_settings(session: Session, _flush_context: object) -> None:
    # The kept policy must go here too: once flushed, a setting is no longer pending, and the
    # check in policy_in_force would not see that it was written.
    if _setting_pending(session):
        _forget(session)
