"""A stored checker report reads in the page's language: the provider's page and the review page
show its findings and the reasons of its sessions in Spanish on a Spanish page, in English on an
English one; a report stored before its messages' templates were kept still shows."""

from __future__ import annotations

from flask_babel import refresh
from markupsafe import escape

from app.i18n.messages import translated
from app.messages import Message
from app.submissions.models import Curriculum
from app.syllabus.services import check_syllabus
from app.syllabus.stored_text import documented
from tests.factories import login
from tests.submissions.factories import SYLLABUS, make_curriculum, record_fee, submit_complete

SPANISH = {"Accept-Language": "es"}


def _as(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client


def _texts(app, headers: dict) -> list[str]:
    """The report's findings and session reasons as a page in that language writes them."""
    report = check_syllabus(SYLLABUS, "core")
    texts = [f.message for f in report.findings] + [m.reason for m in report.modules]
    with app.test_request_context(headers=headers):
        refresh()  # the locale of this request, not one an earlier step cached
        return [str(escape(translated(text))) for text in texts if isinstance(text, Message)]


def _new_draft(provider) -> int:
    response = provider.post(
        "/provider/curricula/new",
        data={"program": "core", "title": "Core 2026", "language": "English", "text": SYLLABUS},
    )
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_the_provider_reads_a_saved_report_in_spanish_and_in_english(app, db, people):
    provider = _as(app, people["provider"])
    curriculum_id = _new_draft(provider)
    spanish, english = _texts(app, SPANISH), _texts(app, {})
    assert spanish and spanish != english  # the report has messages with values, translated
    es_page = provider.get(f"/curricula/{curriculum_id}", headers=SPANISH).get_data(as_text=True)
    en_page = provider.get(f"/curricula/{curriculum_id}").get_data(as_text=True)
    for text in spanish:
        assert text in es_page
    for text in english:
        assert text in en_page
    assert not [text for text in english if text not in spanish and text in es_page]


def test_the_reviewer_reads_the_saved_report_in_spanish(app, db, people):
    provider = _as(app, people["provider"])
    curriculum_id = _new_draft(provider)
    provider.post(f"/curricula/{curriculum_id}/submit")
    db.session.expire_all()
    record_fee(db.session.get(Curriculum, curriculum_id))
    db.session.commit()
    reviewer = _as(app, people["reviewer"])
    page = reviewer.get(f"/review/{curriculum_id}", headers=SPANISH).get_data(as_text=True)
    for text in _texts(app, SPANISH):
        assert text in page


def test_the_saved_report_keeps_its_english_text_for_programs(app, db, people):
    provider = _as(app, people["provider"])
    curriculum_id = _new_draft(provider)
    db.session.expire_all()
    stored = db.session.get(Curriculum, curriculum_id).latest.report
    report = check_syllabus(SYLLABUS, "core").to_dict()
    assert {k: v for k, v in stored.items() if k != "messages"} == report
    assert [f["message"] for f in stored["findings"]] == [f["message"] for f in report["findings"]]


def test_a_report_stored_before_templates_were_kept_still_shows(app, db, people):
    curriculum = make_curriculum(people["provider"], state="draft")
    curriculum.latest.report = documented(curriculum.latest.report)  # the English JSON only
    submit_complete(curriculum, people["provider"])
    db.session.commit()
    assert "messages" not in curriculum.latest.report
    reviewer = _as(app, people["reviewer"])
    english = reviewer.get(f"/review/{curriculum.id}").get_data(as_text=True)
    spanish = reviewer.get(f"/review/{curriculum.id}", headers=SPANISH)
    assert spanish.status_code == 200
    for text in _texts(app, {}):
        assert text in english  # English unchanged; Spanish falls back to it where not found


def test_the_api_gives_the_report_as_the_checker_documents_it(app, db, people):
    provider = _as(app, people["provider"])
    curriculum_id = _new_draft(provider)
    served = provider.get(f"/api/v1/submissions/{curriculum_id}").get_json()["report"]
    assert served == check_syllabus(SYLLABUS, "core").to_dict()  # no key of the pages' own
