"""A denied curriculum of the provider in `people` (tests/conftest.py), and the PDF appeals attach."""

from __future__ import annotations

import pytest

from app.policy import DEFAULT_POLICY
from app.submissions import services
from tests.submissions.factories import make_curriculum, submit_complete

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture
def denied(db, people):
    curriculum = make_curriculum(people["provider"], title="Core training")
    submit_complete(curriculum, people["provider"])
    services.deny(db.session, curriculum, people["reviewer"], DEFAULT_POLICY, reason="Hours short.")
    db.session.commit()
    return curriculum
