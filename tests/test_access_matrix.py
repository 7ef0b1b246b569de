"""Every route × every role, with the expected outcome; a new route must be added here.

Outcomes: a status code, or "login" for a redirect to the sign-in page. POSTs are sent without a
body, so an allowed user sees the form's validation answer and a refused one 403 or the sign-in page.
"""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.auth.services import invite
from tests.factories import login, make_organization, make_user
from tests.submissions.factories import make_curriculum

ROLES = ("anonymous", "provider_a", "provider_b", "reviewer", "peer", "admin")
PUBLIC = dict.fromkeys(ROLES, 200)


def only(allowed: dict[str, object], default: object) -> dict[str, object]:
    return {role: allowed.get(role, default) for role in ROLES}


def providers(own: object, other: object) -> dict[str, object]:
    """A provider route: ``own`` for provider_a (whose organization owns the object), ``other``
    for provider_b, sign-in for a visitor, 403 for everyone else."""
    return only({"anonymous": "login", "provider_a": own, "provider_b": other}, 403)


def staff(outcome: object) -> dict[str, object]:
    """A reviewers' route: ``outcome`` for reviewers and administrators, sign-in for a visitor,
    403 for everyone else."""
    return only({"anonymous": "login", "reviewer": outcome, "admin": outcome}, 403)


SIGNED_IN = only({"anonymous": "login"}, 200)
ADMIN_ONLY = only({"anonymous": "login", "admin": 200}, 403)
PROVIDER_ONLY = providers(200, 200)
PEER_ONLY = only({"anonymous": "login", "peer": 200}, 403)
# The matrix's peer has no certification details yet, so CE pages send it to fill them in first.
PEER_REDIRECT = only({"anonymous": "login", "peer": 302}, 403)
REVIEWERS = staff(200)
# provider_a's organization owns the curriculum; provider_b must not learn it exists (404).
OWNED_CURRICULUM = only(
    {"anonymous": "login", "provider_a": 200, "provider_b": 404, "reviewer": 200, "admin": 200}, 403
)

MATRIX: dict[tuple[str, str], dict[str, object]] = {
    ("GET", "/"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/frameworks"): PUBLIC,
    ("GET", "/frameworks/<framework_id>"): PUBLIC,
    ("GET", "/competencies/<competency_id>"): PUBLIC,
    ("GET", "/search"): PUBLIC,
    ("GET", "/graph"): PUBLIC,
    ("GET", "/graph/path"): PUBLIC,
    ("GET", "/help/syllabus-format"): PUBLIC,
    ("GET", "/check"): PUBLIC,
    ("POST", "/check"): dict.fromkeys(ROLES, 422),
    ("POST", "/check/download/<fmt>"): dict.fromkeys(ROLES, 422),
    ("GET", "/api/v1/frameworks"): PUBLIC,
    ("GET", "/api/v1/frameworks/<framework_id>"): PUBLIC,
    ("GET", "/api/v1/frameworks/<framework_id>/case"): PUBLIC,
    ("GET", "/api/v1/frameworks/<framework_id>/moodle.csv"): PUBLIC,
    ("GET", "/api/v1/openapi.json"): PUBLIC,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): dict.fromkeys(ROLES, 200),
    ("POST", "/logout"): dict.fromkeys(ROLES, 302),
    ("POST", "/language"): dict.fromkeys(ROLES, 302),
    ("GET", "/language/<locale>"): dict.fromkeys(ROLES, 302),
    ("GET", "/register"): PUBLIC,
    ("POST", "/register"): dict.fromkeys(ROLES, 200),
    ("GET", "/register/peer"): PUBLIC,
    ("POST", "/register/peer"): dict.fromkeys(ROLES, 200),
    ("GET", "/account"): SIGNED_IN,
    ("GET", "/admin"): ADMIN_ONLY,
    ("POST", "/admin/organizations/<int:organization_id>/approve"): only(
        {"anonymous": "login", "admin": 302}, 403
    ),
    ("GET", "/admin/invite"): ADMIN_ONLY,
    ("POST", "/admin/invite"): ADMIN_ONLY,
    ("GET", "/admin/settings"): ADMIN_ONLY,
    ("POST", "/admin/settings"): ADMIN_ONLY,
    ("GET", "/admin/outbox"): ADMIN_ONLY,
    ("GET", "/review/changed-rules"): REVIEWERS,
    ("GET", "/courses"): PUBLIC,
    ("GET", "/courses/<int:curriculum_id>"): dict.fromkeys(ROLES, 404),
    ("GET", "/curricula/<int:curriculum_id>/listing"): providers(200, 404),
    ("POST", "/curricula/<int:curriculum_id>/listing"): providers(302, 404),
    ("GET", "/organization/invite"): PROVIDER_ONLY,
    ("POST", "/organization/invite"): PROVIDER_ONLY,
    ("GET", "/invitations/<token>"): PUBLIC,
    ("GET", "/provider"): PROVIDER_ONLY,
    ("GET", "/provider/curricula/new"): PROVIDER_ONLY,
    ("POST", "/provider/curricula/new"): PROVIDER_ONLY,
    ("GET", "/curricula/<int:curriculum_id>"): OWNED_CURRICULUM,
    ("GET", "/curricula/<int:curriculum_id>/diff"): OWNED_CURRICULUM,
    ("GET", "/curricula/<int:curriculum_id>/timeline"): OWNED_CURRICULUM,
    ("POST", "/curricula/<int:curriculum_id>/submit"): providers(302, 404),
    ("POST", "/curricula/<int:curriculum_id>/reading"): providers(302, 404),
    ("POST", "/curricula/<int:curriculum_id>/resubmit"): providers(400, 404),
    ("GET", "/review"): REVIEWERS,
    ("GET", "/review/<int:curriculum_id>"): REVIEWERS,
    ("GET", "/review/dashboard"): REVIEWERS,
    ("POST", "/review/<int:curriculum_id>/decision"): staff(400),
    ("POST", "/review/<int:curriculum_id>/competency"): staff(400),
    ("GET", "/api/v1/submissions/<int:curriculum_id>"): OWNED_CURRICULUM,
    ("POST", "/curricula/<int:curriculum_id>/appeal"): providers(400, 404),
    ("POST", "/review/<int:curriculum_id>/appeal"): staff(400),
    ("POST", "/review/<int:curriculum_id>/fee"): staff(302),
    ("GET", "/review/appeals"): REVIEWERS,
    ("GET", "/ce"): PEER_REDIRECT,
    ("GET", "/ce/profile"): PEER_ONLY,
    ("POST", "/ce/profile"): only({"anonymous": "login", "peer": 422}, 403),
    ("GET", "/ce/entries/new"): PEER_REDIRECT,
    ("POST", "/ce/entries/new"): PEER_REDIRECT,
    ("GET", "/ce/entries/<int:entry_id>"): PEER_REDIRECT,
    ("POST", "/ce/entries/<int:entry_id>"): PEER_REDIRECT,
    ("POST", "/ce/entries/<int:entry_id>/delete"): PEER_REDIRECT,
    ("GET", "/ce/entries/<int:entry_id>/delete"): PEER_REDIRECT,
    ("GET", "/ce/export.csv"): PEER_REDIRECT,
    ("GET", "/ce/import"): PEER_REDIRECT,
    ("POST", "/ce/import"): PEER_REDIRECT,
    ("GET", "/ce/transcript"): PEER_REDIRECT,
    ("GET", "/ce/catalogue"): PEER_ONLY,
    ("POST", "/ce/entries/<int:entry_id>/evidence"): PEER_REDIRECT,
    ("GET", "/ce/evidence/<stored_name>"): only(
        {"anonymous": "login", "peer": 404, "reviewer": 404, "admin": 404}, 403
    ),
    ("POST", "/ce/audit/respond"): PEER_REDIRECT,
    ("GET", "/ce/audits"): REVIEWERS,
    ("POST", "/ce/audits"): REVIEWERS,
    ("GET", "/ce/audits/<int:audit_id>"): staff(404),
    (
        "POST",
        "/ce/audits/<int:audit_id>/selections/<int:selection_id>/entries/<int:entry_id>",
    ): staff(404),
    ("POST", "/ce/audits/<int:audit_id>/selections/<int:selection_id>/close"): staff(404),
    ("GET", "/registry"): PUBLIC,
    ("GET", "/registry/records"): REVIEWERS,
    ("GET", "/registry/records/new"): REVIEWERS,
    ("POST", "/registry/records/new"): staff(422),
    ("GET", "/registry/records/<int:record_id>"): staff(404),
    ("POST", "/registry/records/<int:record_id>"): staff(404),
    ("POST", "/registry/records/<int:record_id>/status"): staff(404),
    ("POST", "/registry/records/<int:record_id>/claim-code"): staff(404),
    ("POST", "/registry/records/<int:record_id>/reinstatement"): staff(404),
    ("POST", "/registry/records/<int:record_id>/reinstate"): staff(404),
    ("POST", "/registry/records/<int:record_id>/requirements"): staff(404),
    ("GET", "/registry/renewal"): PEER_REDIRECT,
    ("POST", "/registry/renewal"): PEER_REDIRECT,
    ("GET", "/registry/import"): REVIEWERS,
    ("POST", "/registry/import"): staff(422),
    ("GET", "/api/v1/ce/entries"): only({"anonymous": "login", "peer": 404}, 403),
    ("GET", "/api/v1/ce/summary"): only({"anonymous": "login", "peer": 404}, 403),
    ("POST", "/review/<int:curriculum_id>/comment"): staff(400),
    ("POST", "/curricula/<int:curriculum_id>/threads"): staff(400),
    # No such thread: 404 to everyone who may reply (another organization's provider included).
    ("POST", "/curricula/<int:curriculum_id>/threads/<int:thread_id>/reply"): only(
        {"anonymous": "login", "peer": 403}, 404
    ),
    ("POST", "/curricula/<int:curriculum_id>/change"): providers(400, 404),
    # A refused form comes back filled in (400); button-only forms redirect.
    ("POST", "/curricula/<int:curriculum_id>/edit"): providers(400, 404),
    ("POST", "/curricula/<int:curriculum_id>/delete"): providers(302, 404),
    ("POST", "/curricula/<int:curriculum_id>/withdraw"): providers(302, 404),
    ("POST", "/review/<int:curriculum_id>/assign"): staff(302),
    ("POST", "/review/<int:curriculum_id>/fee/waive"): staff(400),
    ("POST", "/review/<int:curriculum_id>/reading/<int:correction_id>"): staff(302),
    ("POST", "/review/<int:curriculum_id>/finding"): staff(400),
    ("POST", "/curricula/<int:curriculum_id>/files"): providers(302, 404),
    ("GET", "/curricula/<int:curriculum_id>/files/<stored_name>"): only(
        {"anonymous": "login", "provider_a": 404, "provider_b": 404, "reviewer": 404, "admin": 404},
        403,
    ),
    ("POST", "/api/v1/submissions/<int:curriculum_id>/decision"): staff(400),
    ("POST", "/api/v1/submissions/<int:curriculum_id>/reading"): providers(400, 404),
    ("POST", "/api/v1/submissions/<int:curriculum_id>/reading/<int:correction_id>"): staff(400),
    ("POST", "/invitations/<token>"): PUBLIC,
    ("GET", "/account/password"): SIGNED_IN,
    ("POST", "/account/password"): SIGNED_IN,
    ("GET", "/password/reset"): PUBLIC,
    ("POST", "/password/reset"): PUBLIC,
    # The fixture's token is an invitation's, never a valid reset or verification token.
    ("GET", "/password/reset/<token>"): dict.fromkeys(ROLES, 404),
    ("POST", "/password/reset/<token>"): dict.fromkeys(ROLES, 404),
    ("GET", "/verify/<token>"): dict.fromkeys(ROLES, 404),
    ("POST", "/admin/users/<int:user_id>/disable"): only({"anonymous": "login", "admin": 302}, 403),
    ("POST", "/admin/users/<int:user_id>/enable"): only({"anonymous": "login", "admin": 302}, 403),
    ("POST", "/admin/users/<int:user_id>/sessions/end"): only(
        {"anonymous": "login", "admin": 302}, 403
    ),
    # Without a password step just before, the code step sends everyone back to sign in.
    ("GET", "/login/code"): dict.fromkeys(ROLES, 302),
    ("POST", "/login/code"): dict.fromkeys(ROLES, 302),
    ("GET", "/account/security"): SIGNED_IN,
    ("GET", "/account/email-delivery"): REVIEWERS,
    ("POST", "/account/email-delivery"): staff(422),
    ("GET", "/account/mfa/setup"): SIGNED_IN,
    ("POST", "/account/mfa/setup"): SIGNED_IN,
    ("POST", "/account/mfa/recovery-codes"): only({"anonymous": "login"}, 302),
    ("POST", "/account/mfa/remove"): only({"anonymous": "login"}, 302),
    ("GET", "/admin/audit"): ADMIN_ONLY,
    ("GET", "/admin/audit.csv"): ADMIN_ONLY,
    ("GET", "/admin/security-events"): ADMIN_ONLY,
    ("GET", "/admin/security-events.csv"): ADMIN_ONLY,
    ("GET", "/account/confirm"): SIGNED_IN,
    ("POST", "/account/confirm"): SIGNED_IN,
    ("GET", "/complaints/new"): PUBLIC,
    ("POST", "/complaints/new"): dict.fromkeys(ROLES, 422),
    ("GET", "/complaints"): REVIEWERS,
    ("GET", "/complaints.csv"): REVIEWERS,
    # The respondent's outcome and appeal page: only the complaint's respondent sees it; the
    # fixture's complaint number names none, so every signed-in user gets 404 (tests/complaints
    # checks the respondent, other providers and other peers on a real complaint).
    ("GET", "/complaints/outcome/<reference>"): only({"anonymous": "login"}, 404),
    ("POST", "/complaints/outcome/<reference>"): only({"anonymous": "login"}, 404),
    # The fixture's complaint number names no complaint: reviewers get 404, others never learn.
    **{
        (method, f"/complaints/<int:complaint_id>{tail}"): staff(404)
        for method, tail in (
            ("GET", ""),
            ("POST", "/investigate"),
            ("POST", "/activity"),
            ("POST", "/extend"),
            ("POST", "/names"),
            ("GET", "/names"),
            ("POST", "/respondent"),
            ("POST", "/documents"),
            ("POST", "/decide"),
            ("POST", "/withdraw"),
            ("POST", "/reinstate"),
            ("POST", "/appeal/decide"),
            ("GET", "/documents/<stored_name>"),
        )
    },
    ("GET", "/review/appeals.csv"): REVIEWERS,
    # One appeal's page and its evidence: the fixture's appeal number names none, so every
    # signed-in user gets 404 (tests/appeals checks the appellant, other providers and staff).
    ("GET", "/appeals/<int:appeal_id>"): only({"anonymous": "login"}, 404),
    ("POST", "/appeals/<int:appeal_id>/evidence"): only({"anonymous": "login"}, 404),
    ("GET", "/appeals/<int:appeal_id>/evidence/<int:file_id>"): only({"anonymous": "login"}, 404),
    ("POST", "/appeals/<int:appeal_id>/letter"): only({"anonymous": "login"}, 404),
    ("GET", "/review/queue.csv"): REVIEWERS,
    ("GET", "/registry.csv"): REVIEWERS,
    ("POST", "/review/appeals/<int:appeal_id>/extend"): staff(302),
    ("GET", "/provider/renewals"): PROVIDER_ONLY,
    ("POST", "/curricula/<int:curriculum_id>/renew"): providers(302, 404),
    ("GET", "/review/renewals"): REVIEWERS,
    ("POST", "/review/renewals/<int:renewal_id>"): staff(302),
    ("GET", "/reports/dhcs"): REVIEWERS,
    ("GET", "/reports/dhcs.csv"): REVIEWERS,
    ("GET", "/reports/dhcs.xlsx"): REVIEWERS,
    ("GET", "/peer/application"): PEER_ONLY,
    ("POST", "/peer/application"): only({"anonymous": "login", "peer": 422}, 403),
    ("GET", "/reports/applicants"): REVIEWERS,
    ("POST", "/reports/applicants/<int:record_id>"): staff(404),
    ("GET", "/provider/rosters"): PROVIDER_ONLY,
    ("POST", "/curricula/<int:curriculum_id>/roster"): providers(302, 404),
    # The matrix's curriculum is submitted, not approved: no provider posts completions for it.
    ("GET", "/provider/courses/<int:curriculum_id>/completions"): providers(404, 404),
    ("POST", "/provider/courses/<int:curriculum_id>/completions"): providers(404, 404),
    ("GET", "/provider/completions/<int:posting_id>"): providers(404, 404),
    ("POST", "/provider/completions/<int:posting_id>"): providers(404, 404),
    ("GET", "/ce/reported/<int:entry_id>"): only({"anonymous": "login", "peer": 404}, 403),
    ("POST", "/ce/reported/<int:entry_id>"): only({"anonymous": "login", "peer": 404}, 403),
    ("GET", "/completions/disputes"): REVIEWERS,
    ("GET", "/completions/disputes/<int:reported_id>"): staff(404),
    ("POST", "/completions/disputes/<int:reported_id>"): staff(404),
    ("GET", "/provider/disputes/<int:reported_id>"): providers(404, 404),
    ("POST", "/provider/disputes/<int:reported_id>"): providers(404, 404),
    ("GET", "/providers"): PUBLIC,
    ("GET", "/provider/standing"): PROVIDER_ONLY,
    ("POST", "/provider/standing"): PROVIDER_ONLY,
    ("GET", "/providers/<int:organization_id>/reinstate"): REVIEWERS,
    ("POST", "/providers/<int:organization_id>/reinstate"): REVIEWERS,
}

# Routes a draft answers, not a submitted curriculum: the provider corrects the reading of a draft
# only (a submitted one is refused with 409). These take provider_a's draft, which the other roles
# are refused just the same (provider_b 404, staff 403).
ON_A_DRAFT = {
    ("POST", "/curricula/<int:curriculum_id>/reading"),
    ("POST", "/api/v1/submissions/<int:curriculum_id>/reading"),
}


def _rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, rule.rule


def test_every_route_is_in_the_matrix(app):
    missing = sorted(set(_rules(app)) - set(MATRIX))
    stale = sorted(set(MATRIX) - set(_rules(app)))
    assert not missing, "Add these routes to MATRIX:\n" + "\n".join(
        f'    ("{m}", "{r}"): {{...}},' for m, r in missing
    )
    assert not stale, f"MATRIX names routes that no longer exist: {stale}"


@pytest.fixture
def world(db):
    """Two provider organizations, a reviewer, a peer and an admin, plus objects for URL parameters."""
    organization_a = make_organization("Org A")
    organization_b = make_organization("Org B", approved=False)
    users = {
        "provider_a": make_user(Role.PROVIDER, organization=organization_a),
        "provider_b": make_user(Role.PROVIDER, organization=make_organization("Org C")),
        "reviewer": make_user(Role.REVIEWER),
        "peer": make_user(Role.PEER),
        "admin": make_user(Role.ADMIN),
    }
    tokens: list[str] = []
    invite(
        db.session,
        inviter=users["admin"],
        email="invitee@example.org",
        role=Role.REVIEWER,
        accept_link=lambda t: tokens.append(t) or f"http://localhost/invitation/{t}",
        sign_in_link="http://localhost/login",
    )
    token = tokens[0]
    db.session.commit()
    curriculum = make_curriculum(users["provider_a"], title="A's", state="submitted")
    params = {
        "framework_id": "core",
        "competency_id": "core-6",
        "fmt": "json",
        "locale": "es",
        "organization_id": str(organization_b.id),
        "token": token,
        "curriculum_id": str(curriculum.id),
        "stored_name": "0123456789abcdef0123456789abcdef.pdf",
        "entry_id": "1",
        "audit_id": "1",
        "selection_id": "1",
        "record_id": "1",
        "user_id": str(users["peer"].id),
        "complaint_id": "999999",
        "reference": "C26-0000-0000-0000",
        "appeal_id": "999999",
        "file_id": "999999",
        "renewal_id": "999999",
        "correction_id": "999999",
        "posting_id": "999999",
        "reported_id": "999999",
        "thread_id": "999999",
    }
    return users, params


def _url(rule: str, params: dict[str, str]) -> str:
    url = rule
    for name, value in params.items():
        url = url.replace(f"<{name}>", value).replace(f"<int:{name}>", value)
    assert "<" not in url, f"no fixture value for a parameter of {rule}"
    return url


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "rule"), sorted(MATRIX))
def test_access(app, world, method, rule, role):
    users, params = world
    client = app.test_client()
    if role != "anonymous":
        assert login(client, users[role]).status_code == 302
    if (method, rule) in ON_A_DRAFT:
        draft = make_curriculum(users["provider_a"], title="A's draft")
        params = {**params, "curriculum_id": str(draft.id)}
    url = _url(rule, params)
    response = client.open(url, method=method, data={})
    expected = MATRIX[(method, rule)][role]
    if expected == "login":
        assert response.status_code in (302, 401)
        if response.status_code == 302:
            assert "/login" in response.headers["Location"]
    else:
        assert response.status_code == expected, f"{method} {url} as {role}: {response.status_code}"
