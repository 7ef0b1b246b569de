"""Provider and reviewer pages, end to end through the test client."""

from __future__ import annotations

import re

import pytest

from app.submissions.models import Curriculum
from tests.factories import login
from tests.forms import post_file
from tests.submissions.factories import SYLLABUS, record_fee, settle, submit_complete


def _as(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client


def _new(provider, title="Kept", text=SYLLABUS) -> int:
    location = provider.post(
        "/provider/curricula/new",
        data={"program": "core", "title": title, "language": "English", "text": text},
    ).headers["Location"]
    return int(location.rsplit("/", 1)[1])


def _state(db, curriculum_id: int) -> str:
    db.session.expire_all()  # the requests ran in their own sessions
    return db.session.get(Curriculum, curriculum_id).state


def _complete(db, curriculum_id: int, *, settle_errors: bool = False) -> None:
    """A reviewer records the fee (the clock starts) and, if asked, overrides the report's errors."""
    db.session.expire_all()
    curriculum = db.session.get(Curriculum, curriculum_id)
    if not curriculum.fee_recorded:
        record_fee(curriculum)
    if settle_errors:
        settle(curriculum)
    db.session.commit()


def _lock(page: str) -> str:
    return (
        re.search(
            r'name="lock_version" type="hidden" value="(\d+)"|id="lock_version" name="lock_version" type="hidden" value="(\d+)"',
            page,
        )
        .group(0)
        .split('value="')[1]
        .rstrip('"')
    )


def _decide(reviewer, curriculum_id: int, decision: str, reason: str = ""):
    """Record a decision from the review page as it stands now (its lock version)."""
    review = reviewer.get(f"/review/{curriculum_id}").get_data(as_text=True)
    return reviewer.post(
        f"/review/{curriculum_id}/decision",
        data={"decision": decision, "reason": reason, "lock_version": _lock(review)},
    )


def test_provider_submits_reviewer_requests_revisions_provider_resubmits_reviewer_approves(
    app, db, people
):
    provider = _as(app, people["provider"])
    response = provider.post(
        "/provider/curricula/new",
        data={"program": "core", "title": "Core 2026", "language": "English", "text": SYLLABUS},
    )
    detail_url = response.headers["Location"]
    page = provider.get(detail_url).get_data(as_text=True)
    assert "Does not pass" in page and "Competency missing" in page and "$300" in page
    assert "COMPETENCY_MISSING" not in page
    curriculum_id = int(detail_url.rsplit("/", 1)[1])
    provider.post(f"/curricula/{curriculum_id}/submit")
    _complete(db, curriculum_id)

    reviewer = _as(app, people["reviewer"])
    queue = reviewer.get("/review").get_data(as_text=True)
    assert "Core 2026" in queue and "90" in queue
    review = reviewer.get(f"/review/{curriculum_id}").get_data(as_text=True)
    reviewer.post(
        f"/review/{curriculum_id}/decision",
        data={
            "decision": "request_revisions",
            "reason": "Add the other competencies.",
            "lock_version": _lock(review),
        },
    )
    assert _state(db, curriculum_id) == "revisions_requested"

    text = SYLLABUS + "## Digital literacy (2 hours) [core-17]\nAssessment: exercise\n"
    resubmitted = provider.post(
        f"/curricula/{curriculum_id}/resubmit",
        data={"text": text, "note": "Added digital literacy"},
    )
    assert resubmitted.status_code == 302
    assert _state(db, curriculum_id) == "submitted"
    diff = provider.get(f"/curricula/{curriculum_id}/diff").get_data(as_text=True)
    assert "Digital literacy" in diff

    _complete(db, curriculum_id, settle_errors=True)
    review = reviewer.get(f"/review/{curriculum_id}").get_data(as_text=True)
    reviewer.post(
        f"/review/{curriculum_id}/decision",
        data={"decision": "approve", "reason": "", "lock_version": _lock(review)},
    )
    page = provider.get(detail_url).get_data(as_text=True)
    assert "valid until" in page
    timeline = provider.get(f"/curricula/{curriculum_id}/timeline").get_data(as_text=True)
    assert "clock paused" in timeline and "clock resumed" in timeline and "approve" in timeline


def _submitted(app, db, people, title: str) -> int:
    """Through the provider's pages: a new curriculum, submitted; the fee recorded."""
    provider = _as(app, people["provider"])
    curriculum_id = _new(provider, title)
    provider.post(f"/curricula/{curriculum_id}/submit")
    _complete(db, curriculum_id)
    return curriculum_id


def test_two_reviewers_at_once_one_wins_the_other_is_told(app, db, people):
    curriculum_id = _submitted(app, db, people, "Race")
    _complete(db, curriculum_id, settle_errors=True)
    first, second = _as(app, people["reviewer"]), _as(app, people["reviewer2"])
    lock_first = _lock(first.get(f"/review/{curriculum_id}").get_data(as_text=True))
    lock_second = _lock(second.get(f"/review/{curriculum_id}").get_data(as_text=True))
    assert (
        first.post(
            f"/review/{curriculum_id}/decision",
            data={"decision": "approve", "lock_version": lock_first},
        ).status_code
        == 302
    )
    refused = second.post(
        f"/review/{curriculum_id}/decision",
        data={"decision": "deny", "reason": "Too short, in my view.", "lock_version": lock_second},
    )
    assert refused.status_code == 409
    body = refused.get_data(as_text=True)
    assert "changed since you opened it" in body and "Too short, in my view." in body
    assert _state(db, curriculum_id) == "approved"


def test_other_organizations_get_404(app, db, people):
    provider = _as(app, people["provider"])
    location = f"/curricula/{_new(provider, 'Mine')}"
    outsider = _as(app, people["other"])
    assert outsider.get(location).status_code == 404
    assert outsider.get(location + "/timeline").status_code == 404
    assert "Mine" not in outsider.get("/provider").get_data(as_text=True)


def test_unreadable_upload_is_reported_and_nothing_saved(app, db, people):
    import io

    provider = _as(app, people["provider"])
    response = provider.post(
        "/provider/curricula/new",
        data={
            "program": "core",
            "title": "Bad",
            "language": "English",
            "text": "",
            "upload": (io.BytesIO(b"not a pdf"), "x.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200 and "not a PDF" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Curriculum)) == 0


def test_denial_appeal_and_appeals_log(app, db, people):
    provider = _as(app, people["provider"])
    curriculum_id = _new(provider, "Appealed")
    provider.post(f"/curricula/{curriculum_id}/submit")
    _complete(db, curriculum_id)
    first = _as(app, people["reviewer"])
    _decide(first, curriculum_id, "deny", "Short of hours.")
    assert "Appeal the denial" in provider.get(f"/curricula/{curriculum_id}").get_data(as_text=True)
    provider.post(
        f"/curricula/{curriculum_id}/appeal",
        data={"nature": "Hours were miscounted.", "contact": "bo@example.org"},
    )
    assert _state(db, curriculum_id) == "appealed"
    assert "a different reviewer decides" in first.get(f"/review/{curriculum_id}").get_data(
        as_text=True
    )
    second = _as(app, people["reviewer2"])
    second.post(
        f"/review/{curriculum_id}/appeal",
        data={"outcome": "uphold", "reason": "Hours are 4, not 80."},
    )
    assert _state(db, curriculum_id) == "appeal_denied"
    log = second.get("/review/appeals").get_data(as_text=True)
    assert "Hours were miscounted." in log and "bo@example.org" in log and "Denial upheld" in log


def test_supporting_files_are_stored_outside_static_and_served_as_attachments(app, db, people):

    provider = _as(app, people["provider"])
    curriculum_id = _new(provider, "Files")
    pdf = b"%PDF-1.4\n%%EOF\n"
    post_file(provider, f"/curricula/{curriculum_id}/files", pdf, "handout.pdf")
    hostile = post_file(
        provider,
        f"/curricula/{curriculum_id}/files",
        b"<script>",
        "evil.pdf",
        follow_redirects=True,
    )
    assert "not a PDF" in hostile.get_data(as_text=True)
    curriculum = db.session.get(Curriculum, curriculum_id)
    db.session.refresh(curriculum)
    (item,) = curriculum.files
    assert item.original_name == "handout.pdf" and item.stored_name != "handout.pdf"
    download = provider.get(f"/curricula/{curriculum_id}/files/{item.stored_name}")
    assert download.data == pdf and "attachment" in download.headers["Content-Disposition"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    download.close()
    outsider = _as(app, people["other"])
    assert outsider.get(f"/curricula/{curriculum_id}/files/{item.stored_name}").status_code == 404
    import os

    assert sorted(os.listdir(app.config["UPLOAD_DIR"])) == [item.stored_name]


def test_substantive_change_needs_60_days_notice(app, db, people):
    from datetime import UTC, datetime, timedelta

    from app.policy import DEFAULT_POLICY
    from app.submissions import services

    provider = _as(app, people["provider"])
    curriculum_id = _new(provider, "Changing")
    curriculum = db.session.get(Curriculum, curriculum_id)
    submit_complete(curriculum, people["provider"])
    settle(curriculum)
    services.approve(
        db.session, curriculum, people["reviewer"], DEFAULT_POLICY, today=datetime.now(UTC).date()
    )
    db.session.commit()  # services flush; their caller commits
    soon = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    page = provider.post(
        f"/curricula/{curriculum_id}/change",
        data={"note": "New module", "intended_use_on": soon, "text": SYLLABUS},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "60 days before their intended use" in page
    later = (datetime.now(UTC).date() + timedelta(days=61)).isoformat()
    provider.post(
        f"/curricula/{curriculum_id}/change",
        data={
            "note": "New module",
            "intended_use_on": later,
            "text": SYLLABUS + "## Digital (2 hours) [core-17]\n",
        },
    )
    assert _state(db, curriculum_id) == "approved"  # the change is its own review (§803.5)
    curriculum = db.session.get(Curriculum, curriculum_id)
    assert curriculum.latest.is_substantive_change and curriculum.open_change.state == "submitted"


def test_queue_filters_and_sorts(app, db, people):
    provider = _as(app, people["provider"])
    for title in ("Zeta course", "Alpha course"):
        provider.post(f"/curricula/{_new(provider, title)}/submit")
    reviewer = _as(app, people["reviewer"])
    page = reviewer.get("/review?sort=title").get_data(as_text=True)
    assert page.index("Alpha course") < page.index("Zeta course")
    assert "Alpha course" not in reviewer.get("/review?state=approved").get_data(as_text=True)
    assert "Alpha course" not in reviewer.get("/review?program=crisis").get_data(as_text=True)


def test_refused_resubmission_keeps_no_uploaded_file(app, db, people):
    import io
    from pathlib import Path

    provider = _as(app, people["provider"])
    curriculum_id = _new(provider, "Draft")
    upload_dir = Path(app.config["UPLOAD_DIR"])
    before = set(upload_dir.rglob("*")) if upload_dir.exists() else set()
    # A draft has no revision request to answer: the move is refused.
    response = provider.post(
        f"/curricula/{curriculum_id}/resubmit",
        data={"upload": (io.BytesIO(SYLLABUS.encode()), "revised.md"), "note": "v2"},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "cannot resubmit" in response.get_data(as_text=True).lower()
    after = set(upload_dir.rglob("*")) if upload_dir.exists() else set()
    assert after == before
    assert _state(db, curriculum_id) == "draft"


def test_decision_without_lock_version_or_reason_comes_back_with_the_form(app, db, people):
    curriculum_id = _submitted(app, db, people, "Kept")
    reviewer = _as(app, people["reviewer"])
    missing = reviewer.post(
        f"/review/{curriculum_id}/decision",
        data={"decision": "deny", "reason": "Short of hours, see §202.1.G."},
    )
    body = missing.get_data(as_text=True)
    assert missing.status_code == 409 and "which version you reviewed" in body
    assert "Short of hours, see §202.1.G." in body and "Record the decision" in body
    assert _state(db, curriculum_id) == "submitted"
    empty = reviewer.post(
        f"/review/{curriculum_id}/decision",
        data={"decision": "request_revisions", "reason": "", "lock_version": _lock(body)},
    )
    page = empty.get_data(as_text=True)
    assert empty.status_code == 400 and "Say what must be revised." in page
    assert "Record the decision" in page  # the textarea comes with its button


def test_provider_sees_the_request_and_its_comments_only_once_sent(app, db, people):
    curriculum_id = _submitted(app, db, people, "Kept")
    provider, reviewer = _as(app, people["provider"]), _as(app, people["reviewer"])
    review = reviewer.get(f"/review/{curriculum_id}").get_data(as_text=True)
    target = re.search(r'<option value="([^"]+)"', review.split('id="target"')[1])[1]
    reviewer.post(
        f"/review/{curriculum_id}/comment", data={"target": target, "text": "Name the assessment."}
    )
    assert "Name the assessment." not in provider.get(f"/curricula/{curriculum_id}").get_data(
        as_text=True
    )
    _decide(reviewer, curriculum_id, "request_revisions", "Eleven competencies are missing.")
    page = provider.get(f"/curricula/{curriculum_id}").get_data(as_text=True)
    assert "Why revisions were requested" in page and "Eleven competencies are missing." in page
    assert "Name the assessment." in page
    assert "Coverage heatmap" in page and "Crosswalk rubric" in page
    assert "## Ethics (4 hours)" in page  # the resubmission starts from the last version


def test_refused_change_keeps_what_was_typed(app, db, people):
    from datetime import UTC, datetime, timedelta

    curriculum = make_curriculum_approved(people)
    provider = _as(app, people["provider"])
    soon = (datetime.now(UTC).date() + timedelta(days=10)).isoformat()
    response = provider.post(
        f"/curricula/{curriculum}/change",
        data={
            "note": "A new module on digital tools",
            "intended_use_on": soon,
            "text": "## Tools (2 hours)\n",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "60 days before their intended use" in page
    assert "A new module on digital tools" in page and soon in page and "## Tools (2 hours)" in page


def make_curriculum_approved(people) -> int:
    from tests.submissions.factories import make_curriculum

    return make_curriculum(people["provider"], state="approved", reviewer=people["reviewer"]).id


def test_draft_is_edited_and_deleted_and_a_submission_withdrawn(app, db, people):
    provider = _as(app, people["provider"])
    curriculum_id = _new(provider, title="First title")
    refused = provider.post(
        f"/curricula/{curriculum_id}/edit",
        data={"title": "Second title", "language": "English", "text": ""},
    )
    assert refused.status_code == 400 and "Second title" in refused.get_data(as_text=True)
    provider.post(
        f"/curricula/{curriculum_id}/edit",
        data={
            "title": "Second title",
            "language": "English",
            "text": SYLLABUS + "## More (1 hour)\n",
        },
    )
    db.session.expire_all()
    curriculum = db.session.get(Curriculum, curriculum_id)
    assert curriculum.title == "Second title" and "## More" in curriculum.latest.syllabus_text
    provider.post(f"/curricula/{curriculum_id}/submit")
    assert _state(db, curriculum_id) == "incomplete"
    page = provider.get(f"/curricula/{curriculum_id}").get_data(as_text=True)
    assert "Incomplete application" in page and "How to pay" in page
    provider.post(f"/curricula/{curriculum_id}/withdraw", data={"reason": "Not ready"})
    assert _state(db, curriculum_id) == "incomplete"  # not confirmed: nothing happens
    provider.post(
        f"/curricula/{curriculum_id}/withdraw", data={"reason": "Not ready", "confirm": "y"}
    )
    assert _state(db, curriculum_id) == "withdrawn"
    scratch = _new(provider, title="Scratch")
    provider.post(f"/curricula/{scratch}/delete")
    assert _state(db, scratch) == "draft"
    assert provider.post(f"/curricula/{scratch}/delete", data={"confirm": "y"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Curriculum, scratch) is None


def _under_review(app, db, people) -> tuple[int, object]:
    """A curriculum the provider submitted with its fee recorded, and a reviewer signed in."""
    return _submitted(app, db, people, "Settle me"), _as(app, people["reviewer"])


def test_a_refused_finding_override_comes_back_with_the_reason_typed(app, db, people):
    curriculum_id, reviewer = _under_review(app, db, people)
    page = reviewer.get(f"/review/{curriculum_id}").get_data(as_text=True)
    index = re.search(r'name="finding_index" value="(\d+)"', page).group(1)
    url = f"/review/{curriculum_id}/finding"

    long_reason = "The module on ethics is taught by a guest lecturer. " * 40
    refused = reviewer.post(url, data={"finding_index": index, "reason": long_reason})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert (
        f'id="override-{index}" name="reason" placeholder="reason" required value="{long_reason}"'
        in body
    )
    assert "2000" in body  # what to fix: the length limit

    empty = reviewer.post(url, data={"finding_index": index, "reason": "  "})
    assert empty.status_code == 400
    assert "Give the reason for overriding the finding." in empty.get_data(as_text=True)

    stale = reviewer.post(url, data={"finding_index": "999", "reason": "Covered in week two"})
    stale_body = stale.get_data(as_text=True)
    assert stale.status_code == 400
    assert "no such error" in stale_body and "Covered in week two" in stale_body

    saved = reviewer.post(url, data={"finding_index": index, "reason": "Covered in week two"})
    assert saved.status_code == 302
    assert "overridden: Covered in week two" in reviewer.get(saved.headers["Location"]).get_data(
        as_text=True
    )


def test_a_refused_competency_confirmation_keeps_the_note_and_the_box(app, db, people):
    curriculum_id, reviewer = _under_review(app, db, people)
    url = f"/review/{curriculum_id}/competency"
    long_note = "Seen in the role-play on day three. " * 60
    refused = reviewer.post(
        url, data={"competency_id": "core-11", "covered": "y", "note": long_note}
    )
    body = refused.get_data(as_text=True)
    assert refused.status_code == 400
    row = re.search(r'id="covered-core-11"[^>]*>', body).group(0)
    assert "checked" in row
    assert f'id="note-core-11" name="note" placeholder="note" value="{long_note}"' in body

    unknown = reviewer.post(url, data={"competency_id": "core-99", "note": "Day three role-play"})
    unknown_body = unknown.get_data(as_text=True)
    assert unknown.status_code == 400
    assert "core-99 is not a competency" in unknown_body and "Day three role-play" in unknown_body

    saved = reviewer.post(
        url, data={"competency_id": "core-11", "covered": "y", "note": "Day three"}
    )
    assert saved.status_code == 302
    page = reviewer.get(f"/review/{curriculum_id}").get_data(as_text=True)
    assert "covered: Day three" in page


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (SYLLABUS + "[" * 7000, "[" * 7000),
        (SYLLABUS + "".join("  " * i + "1. x\n" for i in range(2000)), "  " * 1999 + "1. x"),
        (SYLLABUS + "![" * 100_000, "![" * 100_000),
    ],
    ids=["7,000 [", "a list nested 2,000 deep", "200 KB of !["],
)
def test_the_review_page_of_a_hostile_syllabus_answers_quickly(app, db, people, text, shown):
    import time

    from tests.submissions.factories import make_curriculum

    curriculum = make_curriculum(people["provider"], state="submitted", text=text)
    reviewer = _as(app, people["reviewer"])
    reviewer.get("/review")  # warm the templates
    start = time.process_time()
    response = reviewer.get(f"/review/{curriculum.id}")
    seconds = time.process_time() - start
    assert response.status_code == 200
    assert seconds < 2.0, f"{seconds:.2f} s of CPU"
    assert shown in response.get_data(as_text=True)  # shown whole, as plain text
