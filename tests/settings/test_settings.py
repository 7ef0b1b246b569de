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


def test_a_yes_no_setting_is_a_checkbox_and_saves(app, db):
    from app.auth.models import Role
    from app.settings.services import current_policy
    from tests.factories import login, make_user

    client = app.test_client()
    login(client, make_user(Role.ADMIN))
    page = client.get("/admin/settings").get_data(as_text=True)
    assert 'type="checkbox"' in page and 'value="True"' not in page
    import re

    form = dict(re.findall(r'name="([a-z_]+__[a-z_]+)" [^>]*value="([^"]*)"', page))
    form.pop("rubric__assessment", None)  # unticked: no
    response = client.post("/admin/settings", data=form)
    assert response.status_code == 302
    assert current_policy(db.session).value("rubric.assessment") is False
