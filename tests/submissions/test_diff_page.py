"""The version comparison page shows each module's text changed, word by word, escaped."""

from __future__ import annotations

from app.auth.models import Role
from app.extensions import db
from app.submissions import services
from app.syllabus.services import check_syllabus
from tests.factories import client_in, login, make_user
from tests.submissions.factories import make_curriculum

BEFORE = (
    "---\nprogram: core\n---\n## Ethics (4 hours) [core-11]\n"
    "Dual relationships and the code of ethics.\nAssessment: quiz\n"
)


def _second_version(text: str):
    provider = make_user(Role.PROVIDER)
    reviewer = make_user(Role.REVIEWER)
    curriculum = make_curriculum(provider, state="submitted", text=BEFORE)
    services.request_revisions(db.session, curriculum, reviewer, comments="Say more.")
    services.resubmit(
        db.session,
        curriculum,
        provider,
        syllabus_text=text,
        report=check_syllabus(text, "core").to_dict(),
    )
    db.session.commit()
    return curriculum, provider, reviewer


def _diff_page(app, after: str, *, read_by: str) -> str:
    """The comparison page of a second version whose text is ``after``, as the curriculum's
    ``"provider"`` or its ``"reviewer"`` reads it."""
    curriculum, provider, reviewer = _second_version(after)
    client = client_in(app, {"provider": provider, "reviewer": reviewer}[read_by])
    return client.get(f"/curricula/{curriculum.id}/diff").get_data(as_text=True)


def test_a_rewritten_description_shows_its_inserted_and_deleted_words(app, db):
    after = BEFORE.replace("Dual relationships and", "Scope of service, dual relationships and")
    page = _diff_page(app, after, read_by="reviewer")
    assert "No module changed" not in page
    assert '<ins><span class="visually-hidden">[added: </span>Scope of service, dual' in page
    assert '<del><span class="visually-hidden">[removed: </span>Dual' in page


def test_text_typed_into_a_syllabus_is_escaped_on_the_diff(app, db):
    after = BEFORE.replace("Assessment: quiz", "Assessment: <img src=x onerror=alert(1)>")
    page = _diff_page(app, after, read_by="provider")
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_an_unchanged_version_says_no_module_changed(app, db):
    page = _diff_page(app, BEFORE, read_by="provider")
    assert "No module changed" in page and "<ins>" not in page


def test_another_organizations_provider_cannot_see_the_diff(app, db):
    curriculum, _, _ = _second_version(BEFORE + "More.\n")
    client = app.test_client()
    login(client, make_user(Role.PROVIDER))
    assert client.get(f"/curricula/{curriculum.id}/diff").status_code == 404
