"""The policy in force: defaults, then configuration, then an administrator's settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record
from app.dbtypes import utcnow
from app.errors import DomainError
from app.policy import DEFAULT_POLICY, Policy
from app.settings.models import PolicySetting


def editable_rules(policy: Policy = DEFAULT_POLICY) -> list:
    """The rules an administrator may change: those whose number the Guidelines do not state."""
    return [rule for rule in policy.rules.values() if not rule.stated]


def current_policy(session: Session, config_overrides: dict[str, Any] | None = None) -> Policy:
    """DEFAULT_POLICY with configuration overrides, then stored settings, applied."""
    overrides = dict(config_overrides or {})
    for setting in session.scalars(select(PolicySetting)):
        if setting.key in DEFAULT_POLICY.rules:
            overrides[setting.key] = setting.value
    return DEFAULT_POLICY.with_overrides(overrides) if overrides else DEFAULT_POLICY


def change_setting(
    session: Session, *, actor_id: int, key: str, value: float | bool
) -> PolicySetting:
    """Store a new value for an editable rule and audit the change (the caller commits); a yes/no
    rule takes True or False, a number rule a number."""
    editable = {rule.key: rule for rule in editable_rules()}
    if key not in editable:
        raise DomainError(f"{key} is not a setting an administrator can change.")
    if isinstance(editable[key].value, bool) != isinstance(value, bool):
        raise DomainError(
            f"{key} takes {'yes or no' if isinstance(editable[key].value, bool) else 'a number'}."
        )
    if not isinstance(value, bool) and (value <= 0 or value > 1000):
        raise DomainError("The value must be a positive number no greater than 1000.")
    setting = session.get(PolicySetting, key)
    previous = setting.value if setting else editable[key].value
    if setting is None:
        setting = PolicySetting(key=key, value=value)
        session.add(setting)
    setting.value = value
    setting.updated_at = utcnow()
    setting.updated_by_id = actor_id
    record(
        session,
        actor_id=actor_id,
        subject_type="policy_setting",
        subject_id=0,
        action="change_setting",
        reason=f"{key}: {previous} -> {value}",
        details={"key": key, "from": previous, "to": value, "citation": editable[key].citation},
    )
    return setting
