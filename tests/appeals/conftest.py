"""A denied curriculum, its provider, a member of another provider and two reviewers."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.policy import DEFAULT_POLICY
from app.submissions import services
from tests.factories import make_user
from tests.submissions.factories import make_curriculum, submit_complete

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture
def people(db):
    return {
        "provider": make_user(Role.PROVIDER),
        "other": make_user(Role.PROVIDER),
        "reviewer": make_user(Role.REVIEWER),
        "reviewer2": make_user(Role.REVIEWER),
        "peer": make_user(Role.PEER),
    }


@pytest.fixture
def denied(db, people):
    curriculum = make_curriculum(people["provider"], title="Core training")
    submit_complete(curriculum, people["provider"])
    services.deny(db.session, curriculum, people["reviewer"], DEFAULT_POLICY, reason="Hours short.")
    db.session.commit()
    return curriculum
