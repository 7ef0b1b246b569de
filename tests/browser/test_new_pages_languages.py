"""The pages added for issue 25, in English and in Spanish, at 1280 and 390 px: axe-core finds
no violation, nothing scrolls sideways, and a Spanish page says ``lang="es"`` and shows no
English of its own (what people typed or the framework files hold is left out where noted).

Every test makes its own records, so none depends on what another test left in the database.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.auth.models import Role, User
from app.extensions import db
from app.notifications.services import queue_email
from tests.browser.language import LANGUAGES, check_page, open_in
from tests.browser.steps import submit
from tests.ce.factories import make_profile
from tests.directory.factories import make_listed_course
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.submissions.factories import make_curriculum
from tests.workbooks import make_xlsx

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CE_SYLLABUS = "---\nprogram: ce\n---\n## Ética y límites (3 hours)\nLaw and ethics\n"
TODAY = datetime.now(UTC).date()
# A report's versions and its exam blueprint (the domains' titles are the framework's text).
NEW_PARTS = (
    "details.judged-under summary, .blueprint > h3, .blueprint > p, .blueprint caption, "
    ".blueprint thead, .blueprint td"
)


def _as(browser, url, language, email):
    return open_in(browser, url, language, email, DEFAULT_PASSWORD)


def test_completion_rosters_and_a_disputed_entry(live_server, browser, tmp_path):
    url, app = live_server.url, live_server.app
    day = TODAY - timedelta(days=10)
    with app.app_context():
        provider = make_user(Role.PROVIDER)
        course = make_curriculum(
            provider, state="approved", program="ce", title="Ética y límites", text=CE_SYLLABUS
        )
        peers = {}
        for language, name in (("en", "Lucía Ramos"), ("es", "Rosa Méndez")):
            user = make_user(Role.PEER)
            profile = make_profile(user, legal_name=name, issued_on=day - timedelta(days=60))
            peers[language] = (user.email, profile.certification_number, name)
        provider_email, course_id = provider.email, course.id
        staff_email = make_user(Role.REVIEWER).email

    for language in LANGUAGES:
        email, number, name = peers[language]
        roster = tmp_path / f"lista-{language}.xlsx"
        roster.write_bytes(
            make_xlsx(
                [["certification_number", "name", "completed_on", "hours"], [number, name, day, 3]]
            )
        )
        page = _as(browser, url, language, provider_email)
        page.goto(url + "/provider/rosters")
        check_page(page, language, "roster list")
        submit(page, f"a[href='/provider/courses/{course_id}/completions']")
        check_page(page, language, "roster upload")
        submit(page)  # no file chosen: refused, saying what to do
        assert page.locator(".error-summary").count() == 1
        check_page(page, language, "refused roster upload")
        page.set_input_files("#file", str(roster))
        submit(page)
        assert "/provider/completions/" in page.url
        check_page(page, language, "roster preview")
        submit(page)
        assert page.locator("input[name=line]").count() == 0  # posted
        check_page(page, language, "posted roster")
        page.context.close()

        page = _as(browser, url, language, email)
        page.goto(url + "/ce")
        submit(page, "main a:has-text('Ética y límites')")
        check_page(page, language, "reported entry")
        page.eval_on_selector("main form", "form => { form.noValidate = true; }")
        submit(page)  # no reason given: refused
        assert page.locator("#reason[aria-invalid=true]").count() == 1
        check_page(page, language, "refused dispute")
        page.fill("#reason", "Asistí dos horas.")
        submit(page)
        # What the peer typed is theirs, in whatever language they wrote it.
        check_page(page, language, "disputed entry", ignore="main p:has(+ form)")
        page.context.close()

        page = _as(browser, url, language, staff_email)
        page.goto(url + "/completions/disputes")
        # Other peers' disputes, as they typed them, fill the table's cells.
        check_page(page, language, "disputes", ignore="tbody")
        page.context.close()


def test_xlsx_imports_of_a_ce_log_and_of_registry_records(live_server, browser, tmp_path):
    url, app = live_server.url, live_server.app
    day = TODAY - timedelta(days=20)
    with app.app_context():
        peer = make_user(Role.PEER)
        make_profile(peer, legal_name="Dana Díaz", issued_on=day - timedelta(days=90))
        peer_email = peer.email
        staff_email = make_user(Role.REVIEWER).email
    for n, language in enumerate(LANGUAGES):
        log = tmp_path / f"registro-{language}.xlsx"
        log.write_bytes(
            make_xlsx(
                [
                    ["Course Name", "Provider", "Completion Date", "Credit Hours"],
                    [f"Ética entre pares {n}", "Capacitación Golden State", day, 6],
                    [f"Crisis: lo básico {n}", "Salud del condado", day, 1.5],
                ]
            )
        )
        page = _as(browser, url, language, peer_email)
        page.goto(url + "/ce/import")
        check_page(page, language, "CE import")
        page.set_input_files("#file", str(log))
        submit(page)
        assert page.locator("#confirm").count() == 1
        check_page(page, language, "CE import preview")
        page.context.close()

        records = tmp_path / f"registro-{language}-staff.xlsx"
        records.write_bytes(
            make_xlsx(
                [
                    ["legal_name", "certification_number", "issued_on", "expires_on"],
                    [
                        f"Inés Campos {n}",
                        f"MPSS77{n:04d}",
                        day,
                        day.replace(year=day.year + 2),
                    ],
                ]
            )
        )
        page = _as(browser, url, language, staff_email)
        page.goto(url + "/registry/import")
        check_page(page, language, "registry import")
        submit(page)
        assert page.locator(".error-summary").count() == 1
        check_page(page, language, "refused registry import")
        page.set_input_files("#file", str(records))
        submit(page)
        assert page.url.endswith("/registry/records")
        # The records list shows every record as it was imported.
        check_page(page, language, "registry import done", ignore="table")
        page.context.close()


def test_decisions_under_changed_rules(live_server, browser, framework_copy):
    url, app = live_server.url, live_server.app
    with app.app_context():
        make_curriculum(state="approved", title="Decidido con el texto anterior")
        reviewer = make_user(Role.REVIEWER).email
    core = framework_copy / "core.yaml"
    old = "Understand the peer experience."
    core.write_text(core.read_text().replace(old, "Understand the peer experience well."))
    for language in LANGUAGES:
        page = _as(browser, url, language, reviewer)
        page.goto(url + "/review/changed-rules")
        assert page.locator("del", has_text=old).count() >= 1
        # The statements old and new are the framework files' text; decisions' titles are
        # what providers typed.
        check_page(page, language, "changed rules", ignore="del, ins, tbody th")
        state = {"en": "approved", "es": "aprobado"}[language]
        assert page.locator("td", has_text=f"; {state}").count() >= 1
        page.context.close()


def test_a_core_report_with_its_versions_and_exam_blueprint(live_server, browser):
    url, app = live_server.url, live_server.app
    syllabus = (ROOT / "curricula" / "core_incomplete_short.md").read_text()
    with app.app_context():
        curriculum = make_curriculum(state="submitted", title="Formación básica", text=syllabus)
        reviewer = make_user(Role.REVIEWER).email
        curriculum_id = curriculum.id
    for language in LANGUAGES:
        page = _as(browser, url, language, reviewer)
        page.goto(url + f"/review/{curriculum_id}")
        page.click("details.judged-under summary")
        assert page.locator("details.judged-under li").count() >= 2
        assert page.locator("#blueprint-h").count() == 1
        # The findings of the checker's rules are translated on their own branch of work: here
        # the versions and the blueprint are checked.
        check_page(page, language, "review with versions and blueprint", within=NEW_PARTS)
        page.context.close()

        page = open_in(browser, url, language)
        page.goto(url + "/check")
        page.fill("#text", syllabus)
        page.click("main form button[type=submit]")
        page.wait_for_selector("#blueprint-h")
        check_page(page, language, "checker report with blueprint", within=NEW_PARTS)
        page.context.close()


def test_the_public_directory(live_server, browser):
    url, app = live_server.url, live_server.app
    with app.app_context():
        course_id = make_listed_course(
            "Formación en Eureka",
            fmt="in_person",
            county="Humboldt",
            place="Eureka",
            contact="inscripciones@eureka.example",
        ).id
    for language in LANGUAGES:
        page = open_in(browser, url, language)
        page.goto(url + "/courses?place=Humboldt")
        # Course titles are the providers' own.
        check_page(page, language, "directory", ignore="main li h2, main li h3, main li a")
        page.goto(url + f"/courses/{course_id}")
        check_page(page, language, "directory course")
        page.context.close()


def test_the_outbox_and_the_email_delivery_setting_through_the_language_switch(
    live_server, browser
):
    url, app = live_server.url, live_server.app
    with app.app_context():
        admin = make_user(Role.ADMIN).email
        reviewer = make_user(Role.REVIEWER)
        queue_email(
            db.session,
            reviewer.email,
            "Nuevo trabajo",
            "Hay un plan de estudios por revisar.",
            category="new_work",
            link=url + "/review",
        )
        db.session.commit()
        reviewer_email, reviewer_id = reviewer.email, reviewer.id
    for language in LANGUAGES:
        page = _as(browser, url, language, admin)
        page.goto(url + "/admin/outbox")
        assert page.locator("article").count() >= 1
        # The emails are shown as they were sent.
        check_page(page, language, "outbox", ignore="article h2, article dd, article pre")
        page.context.close()

    # The reviewer has no saved language: the page is in English until the switch is used.
    page = _as(browser, url, "en", reviewer_email)
    page.goto(url + "/account/email-delivery")
    check_page(page, "en", "email delivery")
    submit(page, "header .language-switch button[lang=es]")
    assert page.url.endswith("/account/email-delivery")
    check_page(page, "es", "email delivery")
    with app.app_context():
        assert db.session.scalar(select(User.locale).where(User.id == reviewer_id)) == "es"
    page.locator("main input[type=radio]").first.check()
    submit(page)
    # The home page it returns to is not one of the new pages: its message is checked.
    check_page(page, "es", "email delivery saved", within=".flashes")
    submit(page, "header .language-switch button[lang=en]")
    check_page(page, "en", "email delivery in English again")
    page.context.close()
