"""The policy in force is read once per transaction, and a setting changed in it is seen at once."""

from __future__ import annotations

from app import context
from app.auth.models import Role
from app.settings.services import change_setting
from tests.factories import login, make_user
from tests.queries import counting
from tests.submissions.factories import make_curriculum


def _setting_reads(statements: list[str]) -> int:
    return sum("FROM policy_setting" in s for s in statements)


def test_a_page_reads_the_settings_once(app, db):
    # The provider dashboard asks for the policy three times (its rows' clocks, its warning
    # days, its review days): one reading of the settings serves them all.
    provider = make_user(Role.PROVIDER)
    make_curriculum(provider, state="submitted")
    client = app.test_client()
    login(client, provider)
    with counting(db.engine) as statements:
        assert client.get("/provider").status_code == 200
    assert _setting_reads(statements) == 1


def test_each_request_reads_the_settings_afresh(app, db):
    admin, provider = make_user(Role.ADMIN), make_user(Role.PROVIDER)
    client = app.test_client()
    login(client, provider)
    with counting(db.engine) as statements:
        for _ in range(2):
            assert client.get("/provider").status_code == 200
    assert _setting_reads(statements) == 2
    change_setting(db.session, actor_id=admin.id, key="approval.expiry_warning_days", value=45)
    db.session.commit()
    with app.test_request_context():
        assert context.policy().value("approval.expiry_warning_days") == 45


def test_a_setting_written_or_rolled_back_in_the_transaction_is_seen(app, db):
    admin = make_user(Role.ADMIN)
    with app.test_request_context():
        before = context.policy()
        assert context.policy() is before  # read once
        change_setting(db.session, actor_id=admin.id, key="hours.specialization", value=36)
        db.session.flush()
        assert context.policy().required_hours("crisis") == 36
        db.session.rollback()
        assert context.policy().required_hours("crisis") == before.required_hours("crisis")


def test_a_setting_deleted_and_not_yet_flushed_is_seen(app, db):
    admin = make_user(Role.ADMIN)
    with app.test_request_context():
        default = context.policy().required_hours("crisis")
        setting = change_setting(
            db.session, actor_id=admin.id, key="hours.specialization", value=36
        )
        db.session.commit()
        assert context.policy() is context.policy()  # read once, kept for the transaction
        assert context.policy().required_hours("crisis") == 36
        db.session.delete(setting)  # pending: the kept policy would still say 36
        assert context.policy().required_hours("crisis") == default != 36
