"""Every page of the app at phone width (390 px, and 360 px): nothing scrolls sideways.

The test signs in as each demo role and opens every HTML page the app serves, checks that the
document is no wider than the viewport, and keeps a full-page screenshot of each under
$BROWSER_ARTIFACTS/390px/ for a person to look at. A page added to the app without being added
here fails the completeness check.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.appeals.models import Appeal
from app.auth.demo import DEMO_PASSWORD
from app.auth.models import Organization, Role, User
from app.auth.services import invite
from app.auth.tokens import issue as issue_token
from app.ce.models import CEAudit, CEEntryRecord, PeerProfile
from app.ce.services import draw_audit, expiration
from app.complaints import services as complaints
from app.complaints.models import Complaint
from app.extensions import db
from app.policy import DEFAULT_POLICY
from app.submissions.models import Curriculum
from tests.browser.artifacts import ARTIFACTS
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALLEST = {"width": 360, "height": 780}
CURRICULA = Path(__file__).resolve().parents[2] / "curricula"
# GET routes that answer with a file or JSON rather than a page.
NOT_PAGES = {
    "static",
    "ce.export_csv",
    "ce.download_evidence",
    "submissions.download_file",
    "logs.audit_csv",
    "logs.security_csv",
    "complaints.log_csv",
    "complaints.document",
    "appeals.log_csv",
    "appeal_pages.download",
    "exports.queue_csv",
    "exports.registry_csv",
    "reports.dhcs_csv",
    "reports.dhcs_xlsx",
    "health.healthz",
    "health.readyz",
    "i18n.remember",  # the language link: sets a cookie and redirects back
}


def _ids(app) -> dict[str, object]:
    """Identifiers of the demo records the pages need, and an invitation and audit to open."""
    with app.app_context():
        session = db.session
        curriculum = {
            c.title: c.id for c in session.scalars(select(Curriculum)).all() if "(demo)" in c.title
        }
        admin = session.scalar(select(User).where(User.email == "admin@curriculum.example"))
        reviewer = session.scalar(select(User).where(User.email == "reviewer@curriculum.example"))
        peer = session.scalar(select(User).where(User.email == "peer@curriculum.example"))
        profile = session.scalar(select(PeerProfile).where(PeerProfile.user_id == peer.id))
        entry = session.scalar(
            select(CEEntryRecord)
            .where(CEEntryRecord.profile_id == profile.id)
            .order_by(CEEntryRecord.id)
        )
        tokens: list[str] = []
        invite(
            session,
            inviter=admin,
            email=f"phone-{datetime.now(UTC).timestamp():.0f}@curriculum.example",
            role=Role.REVIEWER,
            accept_link=lambda t: tokens.append(t) or f"http://localhost/invitation/{t}",
            sign_in_link="http://localhost/login",
        )
        token = tokens[0]
        reset = issue_token(session, peer, "reset")
        today = datetime.now(UTC).date()
        expires = expiration(profile, DEFAULT_POLICY, today)
        audit = session.scalar(select(CEAudit).order_by(CEAudit.id.desc()))
        if audit is None:
            audit = draw_audit(
                session,
                reviewer,
                DEFAULT_POLICY,
                window_start=expires - timedelta(days=1),
                window_end=expires + timedelta(days=1),
                method="count",
                amount=1,
                seed=7,
                today=today,
            )
        complaint = session.scalar(select(Complaint).order_by(Complaint.id))
        golden = session.scalar(
            select(Organization).where(Organization.name == "Golden State Peer Training")
        )
        decided = complaints.file_complaint(
            session,
            DEFAULT_POLICY,
            complaints.ComplaintInput(
                respondent_type="provider",
                organization_id=golden.id,
                nature="The phone test's complaint: decided, nothing substantiated.",
            ),
            today=today,
        )
        complaints.investigate(session, decided, reviewer, today=today)
        complaints.decide(
            session,
            decided,
            reviewer,
            DEFAULT_POLICY,
            today=today,
            outcome="unsubstantiated",
            reason="Nothing found.",
        )
        sierra = session.scalar(
            select(Organization).where(Organization.name == "Sierra Recovery Collaborative")
        )
        posting, reported, dispute = _roster_posting(
            session, curriculum["Core training 2026 (demo)"], profile
        )
        # An appeal's page, with its evidence form: an appeal row on a demo curriculum.
        provider = session.scalar(select(User).where(User.email == "provider@goldenstate.example"))
        appeal = Appeal(
            curriculum_id=curriculum["Weekend core training (demo)"],
            requested_on=today,
            requester_id=provider.id,
            contact="Provider, 555-0100",
            nature="The phone test's appeal: the hours were miscounted.",
            activities=[{"on": today.isoformat(), "what": "Appeal received"}],
            acknowledged_on=today,
        )
        session.add(appeal)
        session.commit()
        return {
            "posting": posting,
            "reported": reported,
            "dispute": dispute,
            "appeal": appeal.id,
            "complaint": complaint.id,
            "decided_reference": decided.reference,
            "sierra": sierra.id,
            "approved": curriculum["Core training 2026 (demo)"],
            "sent_back": curriculum["Weekend core training (demo)"],
            "waiting": curriculum["Crisis care specialization (demo)"],
            "entry": entry.id,
            "token": token,
            "reset": reset,
            "audit": audit.id,
            "record": profile.record_id,
        }


def _roster_posting(session, curriculum_id: int, profile: PeerProfile) -> tuple[int, int, int]:
    """A posted roster of the demo's approved course, the demo peer's entry it reported (one
    that does not count, so the demo record's hours stay as they are) and that report's dispute."""
    from datetime import date

    from app.ce.roster_models import ReportedCompletion, RosterPosting

    found = session.scalar(select(RosterPosting).where(RosterPosting.original_name == "phone.csv"))
    if found is None:
        course = session.get(Curriculum, curriculum_id)
        provider = session.scalar(
            select(User).where(User.organization_id == course.organization_id)
        )
        entry = CEEntryRecord(
            profile_id=profile.id,
            title="Phone test course",
            provider=course.organization.name,
            start_date=date(2026, 1, 5),
            format="in_person",
            hours=1.0,
            source="other",
        )
        found = RosterPosting(
            curriculum_id=curriculum_id,
            stored_name="phone-test-roster.csv",
            original_name="phone.csv",
            uploaded_by_id=provider.id,
            lines=[
                {
                    "line": 2,
                    "certification_number": profile.certification_number,
                    "name": profile.legal_name,
                    "completed_on": "2026-01-05",
                    "hours": 1.0,
                    "reason": "",
                    "outcome": "ready",
                },
                {
                    "line": 3,
                    "certification_number": "MPSS999999",
                    "name": "Nobody Known",
                    "completed_on": "2026-01-05",
                    "hours": 1.0,
                    "reason": "the certification number MPSS999999 is not in the registry",
                    "outcome": "refused",
                },
            ],
        )
        session.add_all([entry, found])
        session.flush()
        session.add(
            ReportedCompletion(
                entry_id=entry.id,
                posting_id=found.id,
                curriculum_id=curriculum_id,
                line=2,
                disputed_at=datetime.now(UTC),
                dispute_reason="The phone test's dispute.",
            )
        )
        session.flush()
    return found.id, found.reported[0].entry_id, found.reported[0].id


def _pages(ids: dict[str, object]) -> dict[str | None, list[str]]:
    """The pages each role opens (None: signed out)."""
    return {
        None: [
            "/",
            "/frameworks",
            "/frameworks/core",
            "/frameworks/pcfm",
            "/frameworks/crisis",
            "/frameworks/exam",
            "/competencies/core-4",
            "/competencies/core-12",
            "/competencies/justice-1",
            "/competencies/pcfm-1",
            "/competencies/exam-1",
            "/graph",
            "/graph?left=pcfm&right=core",
            "/graph?left=crisis&right=unhoused",
            "/graph/path?source=pcfm-3&target=justice-10",
            "/search?q=trauma",
            "/check",
            "/help/syllabus-format",
            "/frameworks/nonexistent",
            "/login",
            "/register",
            "/register/peer",
            f"/invitations/{ids['token']}",
            "/password/reset",
            f"/password/reset/{ids['reset']}",
            "/verify/no-such-token",
            "/login/code",
            "/registry?q=peer",
            "/complaints/new",
            "/providers",
            "/courses",
            "/courses?place=online&language=English",
            f"/courses/{ids['approved']}",
        ],
        "provider@goldenstate.example": [
            "/account",
            "/organization/invite",
            "/provider",
            "/provider/curricula/new",
            f"/curricula/{ids['approved']}",
            f"/curricula/{ids['sent_back']}",
            f"/curricula/{ids['sent_back']}/diff",
            f"/curricula/{ids['approved']}/timeline",
            f"/curricula/{ids['approved']}/listing",
            "/provider/standing",
            "/provider/renewals",
            "/provider/rosters",
            f"/provider/courses/{ids['approved']}/completions",
            f"/provider/completions/{ids['posting']}",
            f"/provider/disputes/{ids['dispute']}",
            f"/complaints/outcome/{ids['decided_reference']}",
            f"/appeals/{ids['appeal']}",
        ],
        "reviewer@curriculum.example": [
            "/",
            "/account/email-delivery",
            "/review",
            f"/review/{ids['waiting']}",
            f"/review/{ids['approved']}",
            "/review/appeals",
            f"/appeals/{ids['appeal']}",
            "/review/dashboard",
            "/review/changed-rules",
            "/ce/audits",
            f"/ce/audits/{ids['audit']}",
            "/registry/records",
            "/registry/records/new",
            f"/registry/records/{ids['record']}",
            "/registry/import",
            "/complaints",
            f"/complaints/{ids['complaint']}",
            f"/complaints/{ids['complaint']}/names",
            "/review/renewals",
            "/reports/dhcs",
            "/reports/applicants",
            "/completions/disputes",
            f"/completions/disputes/{ids['dispute']}",
            f"/providers/{ids['sierra']}/reinstate",
        ],
        "peer@curriculum.example": [
            "/ce",
            "/ce/profile",
            "/ce/entries/new",
            f"/ce/entries/{ids['entry']}",
            f"/ce/entries/{ids['entry']}/delete",
            "/ce/import",
            "/ce/transcript",
            "/ce/catalogue",
            "/registry/renewal",
            "/account",
            "/account/password",
            "/account/security",
            "/account/mfa/setup",
            "/account/confirm",
            "/peer/application",
            f"/ce/reported/{ids['reported']}",
        ],
        "admin@curriculum.example": [
            "/admin",
            "/admin/invite",
            "/admin/settings",
            "/admin/outbox",
            "/account",
            "/admin/audit",
            "/admin/security-events",
        ],
    }


def _overflow(page) -> dict:
    """How far the document reaches past the viewport, and the widest elements that cause it."""
    return page.evaluate(
        """() => {
        const width = document.documentElement.clientWidth;
        const culprits = [];
        for (const el of document.querySelectorAll('body *')) {
          const box = el.getBoundingClientRect();
          if (box.right > width + 1 && box.width > 0) {
            let inScroller = false;
            for (let p = el.parentElement; p; p = p.parentElement) {
              const style = getComputedStyle(p);
              if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && p !== document.body
                  && p !== document.documentElement) { inScroller = true; break; }
            }
            if (!inScroller) culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
              + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '')
              + ' ' + Math.round(box.right));
          }
        }
        return {scroll: document.documentElement.scrollWidth, width: width,
                culprits: culprits.slice(0, 6)};
    }"""
    )


def _shot_name(role: str | None, path: str) -> str:
    if path.startswith("/invitations/"):
        path = "/invitation"
    name = (role or "public").split("@")[0] + path.replace("/", "_").replace("?", "_")
    return "".join(ch if ch.isalnum() or ch in "-_=" else "_" for ch in name)[:120] + ".png"


def test_every_page_fits_a_phone(live_server, browser):
    result = live_server.app.test_cli_runner().invoke(args=["demo", "load", "--demo"])
    assert result.exit_code == 0, result.output
    ids = _ids(live_server.app)
    pages = _pages(ids)

    # Completeness: every GET route that answers with a page is opened by some role.
    adapter = live_server.app.url_map.bind("localhost")
    visited = {adapter.match(path.split("?")[0])[0] for paths in pages.values() for path in paths}
    routes = {
        rule.endpoint
        for rule in live_server.app.url_map.iter_rules()
        if "GET" in rule.methods
        and not rule.endpoint.startswith("api.")
        and rule.endpoint not in NOT_PAGES
    }
    assert routes - visited == set(), "pages missing from the phone test"

    folder = ARTIFACTS / "390px"
    folder.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    opened = 0
    for role, paths in pages.items():
        context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True)
        page = context.new_page()
        page.set_default_timeout(10_000)
        if role:
            sign_in(page, live_server.url, role, DEMO_PASSWORD)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status in (200, 404), (role, path, response.status)
            opened += 1
            page.screenshot(path=str(folder / _shot_name(role, path)), full_page=True)
            measured = _overflow(page)
            if measured["scroll"] > measured["width"]:
                too_wide[f"{role or 'public'} {path}"] = measured
            assert_accessible(page)  # stacked tables and the narrow drawing pass axe too
            if path == "/ce":
                # A table shown as cards is still a table to assistive technology.
                assert page.get_by_role("columnheader", name="Counts?").count() == 1
                assert page.get_by_role("row").count() >= 4
            # The narrowest common phone: the same page at 360 px.
            page.set_viewport_size(SMALLEST)
            measured = _overflow(page)
            if measured["scroll"] > measured["width"]:
                too_wide[f"{role or 'public'} {path} at 360 px"] = measured
            page.set_viewport_size(PHONE)
        if role is None:
            # The checker's report, the widest page of all, with its heatmap.
            page.goto(live_server.url + "/check")
            page.fill("#text", (CURRICULA / "core_incomplete_short.md").read_text())
            page.click("main form button[type=submit]")
            page.wait_for_selector("#report-h")
            page.screenshot(path=str(folder / "public_check_report.png"), full_page=True)
            measured = _overflow(page)
            if measured["scroll"] > measured["width"]:
                too_wide["public /check (report)"] = measured
            assert_accessible(page)
        context.close()
    assert opened >= 45
    assert too_wide == {}, "\n".join(f"{page}: {found}" for page, found in too_wide.items())
