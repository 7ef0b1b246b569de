"""Reports and decisions record their versions; an edit lists the decisions made before it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app import context
from app.auth.models import Role
from app.judgements.models import BasisSnapshot, JudgementBasis
from app.judgements.services import basis_of, current_snapshots, labelled, stale_decisions
from tests.factories import login, make_user
from tests.queries import statements_of
from tests.submissions.factories import make_curriculum

COMPETENCIES = Path(__file__).resolve().parents[2] / "competencies"
OLD = "The ability to promote hope, the potential for change, and personal empowerment."
NEW = "The ability to promote hope and personal empowerment."


@pytest.fixture
def frameworks(app, tmp_path) -> Path:
    """A copy of the framework files the app judges under, for a test to edit."""
    folder = tmp_path / "competencies"
    shutil.copytree(COMPETENCIES, folder)
    app.config["FRAMEWORK_DIR"] = str(folder)
    return folder


def _current(app):
    return current_snapshots(app.config["FRAMEWORK_DIR"], context.policy())


def test_reports_and_decisions_record_every_version(app, db, frameworks):
    curriculum = make_curriculum(state="approved", title="Recorded core")
    version = curriculum.current_version
    report = basis_of(db.session, "curriculum_version", version.id)
    decision = basis_of(db.session, "curriculum", curriculum.id)
    assert report.kind == "report" and decision.kind == "decision"
    names = {path.name for path in frameworks.glob("*.yaml")} | {"policy"}
    assert set(decision.versions) == names
    assert {name: s.digest for name, s in ((s.name, s) for s in _current(app))} == decision.versions
    core = next(item for item in labelled(db.session, decision) if item[0] == "core.yaml")
    assert core[1] == "2024.2"
    # The texts are kept once per version, however many judgements used it.
    make_curriculum(state="approved", title="Second core")
    kept = db.session.scalars(select(BasisSnapshot).where(BasisSnapshot.name == "core.yaml")).all()
    assert len(kept) == 1


def test_nothing_is_stale_until_a_framework_changes(app, db, frameworks):
    make_curriculum(state="approved", title="Judged core")
    make_curriculum(state="draft", title="Only checked")
    assert stale_decisions(db.session, _current(app)).total == 0

    core = frameworks / "core.yaml"
    core.write_text(core.read_text().replace(OLD, NEW, 1))
    report = stale_decisions(db.session, _current(app))
    assert report.total == 1
    (group,) = report.groups
    assert [d.title for d in group.decisions] == ["Judged core"]  # drafts were never decided
    (difference,) = group.differences
    assert difference.name == "core.yaml"
    assert [(c.kind, c.old, c.new) for c in difference.changes] == [("changed", OLD, NEW)]
    assert difference.changes[0].key == "competencies[core-1].skills[1]"

    # Decided under the new text: not listed.
    assert db.session.scalar(select(JudgementBasis).where(JudgementBasis.kind == "decision"))
    make_curriculum(state="approved", title="Judged after the edit")
    assert stale_decisions(db.session, _current(app)).total == 1


def test_a_policy_change_lists_the_rule_old_and_new(app, db, frameworks):
    make_curriculum(state="approved", title="Judged at 80 hours")
    app.config["POLICY_OVERRIDES"] = {"hours.core": 90}
    (group,) = stale_decisions(db.session, _current(app)).groups
    (difference,) = group.differences
    assert difference.name == "policy"
    (change,) = difference.changes
    assert (change.key, change.new) == ("hours.core", 90)


def test_the_page_and_the_command_show_the_difference(app, db, client, runner, frameworks):
    make_curriculum(state="approved", title="Listed core")
    core = frameworks / "core.yaml"
    core.write_text(core.read_text().replace(OLD, NEW, 1))
    reviewer = make_user(Role.REVIEWER)
    login(client, reviewer)
    page = client.get("/review/changed-rules").get_data(as_text=True)
    assert "Listed core" in page and OLD in page and NEW in page
    result = runner.invoke(args=["frameworks", "stale"])
    assert result.exit_code == 0, result.output
    assert "Listed core" in result.output and f"old: {OLD}" in result.output
    assert f"new: {NEW}" in result.output
    assert runner.invoke(args=["frameworks", "stale", "--fail"]).exit_code == 1
    versions = runner.invoke(args=["frameworks", "versions"]).output
    assert "core.yaml" in versions and "2024.2" in versions


def test_the_page_answers_in_a_fixed_number_of_queries(app, db, client, frameworks):
    reviewer = make_user(Role.REVIEWER)
    make_curriculum(state="approved", title="Before the edit 1")
    core = frameworks / "core.yaml"
    core.write_text(core.read_text().replace(OLD, NEW, 1))
    login(client, reviewer)
    few, _ = statements_of(db.engine, client, "/review/changed-rules")
    for number in range(2, 6):
        make_curriculum(state="approved", title=f"Before the edit {number}")
    (frameworks / "crisis.yaml").write_text((frameworks / "crisis.yaml").read_text() + "\n# note\n")
    make_curriculum(state="approved", title="Between the edits")
    core.write_text(core.read_text().replace(NEW, OLD + " Again.", 1))
    many, _ = statements_of(db.engine, client, "/review/changed-rules")
    assert many == few
    report = stale_decisions(db.session, _current(app))
    assert report.total == 6 and len(report.groups) == 3  # three sets of versions


def test_a_closed_records_review_is_a_ce_decision_with_its_versions(app, db, frameworks):
    from tests.ce.test_audits import _drawn

    audit, selection, _peer, reviewer, _entries = _drawn(app, db)
    base = f"/ce/audits/{audit.id}/selections/{selection.id}"
    reviewer.post(f"{base}/close", data={"outcome": "referred", "note": "Certificates altered."})
    record = basis_of(db.session, "ce_audit_selection", selection.id)
    assert record is not None and record.kind == "decision"
    topics = frameworks / "law_ethics_topics.yaml"
    topics.write_text(topics.read_text().replace("Treatment of minors", "Treating minors", 1))
    (group,) = stale_decisions(db.session, _current(app)).groups
    (decision,) = group.decisions
    assert decision.title.startswith("Records review of ") and decision.detail == "referred"
    assert decision.link_id == audit.id
    (difference,) = group.differences
    assert [(c.old, c.new) for c in difference.changes] == [
        ("Treatment of minors", "Treating minors")
    ]


def test_the_review_page_names_the_versions_of_its_report(app, db, client, frameworks):
    curriculum = make_curriculum(state="submitted", title="Under review")
    login(client, make_user(Role.REVIEWER))
    page = client.get(f"/review/{curriculum.id}").get_data(as_text=True)
    assert "Checked under these versions" in page
    assert "core.yaml 2024.2" in page
