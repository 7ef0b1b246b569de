"""Administrator settings for the values the Guidelines leave open."""

from __future__ import annotations

import pytest

from app.audit.services import events_for
from app.auth.models import Role
from app.errors import DomainError
from app.settings.services import change_setting, current_policy, editable_rules
from tests.factories import make_user


def test_only_unstated_rules_are_editable():
    keys = {rule.key for rule in editable_rules()}
    assert "hours.specialization" in keys
    assert "hours.core" not in keys  # 80 hours is the Guidelines' own number (§202.1.G)


def test_stored_setting_changes_the_policy_and_is_audited(db):
    admin = make_user(Role.ADMIN)
    change_setting(db.session, actor_id=admin.id, key="hours.specialization", value=36)
    db.session.commit()
    policy = current_policy(db.session)
    assert policy.required_hours("crisis") == 36
    assert policy.required_hours("core") == 80
    (event,) = events_for(db.session, "policy_setting", 0)
    assert event.actor_id == admin.id and "36" in event.reason


@pytest.mark.parametrize(("key", "value"), [("hours.core", 70), ("hours.specialization", -1)])
def test_refuses_stated_rules_and_bad_values(db, key, value):
    admin = make_user(Role.ADMIN)
    with pytest.raises(DomainError):
        change_setting(db.session, actor_id=admin.id, key=key, value=value)
