"""Every email is written in its recipient's language: the account's saved choice, else the
requester's when the email answers them, else English; inside and outside a request."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import gettext
from flask_login import login_user
from sqlalchemy import select

from app.alerts import notify
from app.auth.models import Role
from app.complaints import appeals as complaint_appeals
from app.i18n.locale import select_locale
from app.notifications.language import email_day, in_language_of, language_of
from app.notifications.models import OutboxEmail
from app.notifications.services import queue_email, queue_reminders
from app.policy import DEFAULT_POLICY
from tests.ce.factories import make_profile
from tests.complaints.factories import make_suspended_complaint
from tests.factories import login, make_organization, make_user
from tests.submissions.factories import make_curriculum

P = DEFAULT_POLICY


def _mails(db, recipient: str) -> list[OutboxEmail]:
    return list(
        db.session.scalars(
            select(OutboxEmail).where(OutboxEmail.recipient == recipient).order_by(OutboxEmail.id)
        )
    )


def _speaks(db, user, locale: str | None):
    user.locale = locale
    db.session.commit()
    return user


def test_the_forced_language_wins_outside_a_request(app, db):
    """The worker has no request: the app's selector answers English, the recipient's wins."""
    peer = _speaks(db, make_user(Role.PEER), "es")
    assert select_locale() == "en"
    with in_language_of(db.session, peer.email) as locale:
        assert locale == "es"
        assert gettext("Open: %(link)s", link="http://x/") == "Abrir: http://x/"
        assert email_day(date(2026, 12, 7)) == "7 de diciembre de 2026"
    # Back to English after the block, and English dates keep the emails' long form.
    assert gettext("Open: %(link)s", link="http://x/") == "Open: http://x/"
    assert email_day(date(2026, 12, 7)) == "December 07, 2026"


def test_the_saved_language_then_the_requester_then_english(app, db):
    spanish = _speaks(db, make_user(Role.PEER, email="ana@example.org"), "es")
    english = _speaks(db, make_user(Role.PEER), "en")
    unsaved = make_user(Role.PEER)
    headers = {"Accept-Language": "es-MX,es;q=0.9"}
    assert language_of(db.session, " Ana@Example.ORG ") == "es"  # the address as typed
    assert language_of(db.session, "stranger@example.org") == "en"
    with app.test_request_context("/", headers=headers):
        # The saved choice beats the request's language.
        assert language_of(db.session, english.email, answers_request=True) == "en"
        # An address without an account: English unless the email answers the requester.
        assert language_of(db.session, "filer@example.org") == "en"
        assert language_of(db.session, "filer@example.org", answers_request=True) == "es"
        # A signed-in user without a saved choice, written to at their own address.
        assert language_of(db.session, unsaved.email) == "en"
        login_user(unsaved)
        assert language_of(db.session, unsaved.email) == "es"
        assert language_of(db.session, "someone.else@example.org") == "en"
    assert spanish.locale == "es"


def test_a_spanish_user_gets_the_password_reset_in_spanish_an_english_one_in_english(
    app, client, db
):
    spanish = _speaks(db, make_user(Role.PEER, name="Ana"), "es")
    english = make_user(Role.PEER, name="Bo")
    for user in (spanish, english):  # the form is answered in English: the account decides
        client.post("/password/reset", data={"email": user.email})
    [es_mail] = _mails(db, spanish.email)
    assert es_mail.subject == "Elija una contraseña nueva para Curriculum Mapper"
    assert es_mail.body.startswith("Hola, Ana:")
    assert "dentro de una hora" in es_mail.body and "/password/reset/" in es_mail.body
    [en_mail] = _mails(db, english.email)
    assert en_mail.subject == "Choose a new Curriculum Mapper password"
    assert en_mail.body.startswith("Hello Bo,")


def test_a_reminder_run_outside_a_request_speaks_each_members_language_once(app, db):
    organization = make_organization("Puentes")
    spanish = _speaks(db, make_user(Role.PROVIDER, organization=organization), "es")
    english = make_user(Role.PROVIDER, organization=organization)
    make_curriculum(spanish, state="approved", title="Apoyo entre pares")  # expires 2028-01-01
    for day in (date(2027, 10, 3), date(2027, 10, 4)):  # 90 days before, then the next day
        queue_reminders(db.session, P, day)
    [es_mail] = [m for m in _mails(db, spanish.email) if m.category == "renewal"]
    assert es_mail.subject == (
        "La aprobación vence en 90 días: Apoyo entre pares (hasta 2028-01-01)"
    )
    assert "es válida hasta el 1 de enero de 2028 (§803.4)" in es_mail.body
    assert "Abrir: http://localhost/" in es_mail.body  # the link line in Spanish too
    [en_mail] = [m for m in _mails(db, english.email) if m.category == "renewal"]
    assert en_mail.subject.startswith("Approval expires in 90 days: Apoyo entre pares")
    assert "valid until January 01, 2028" in en_mail.body and "Open: http://" in en_mail.body


def test_a_spanish_reviewer_hears_of_a_new_submission_in_spanish(app, db):
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="submitted", title="Core 80")
    spanish = _speaks(db, make_user(Role.REVIEWER), "es")
    english = make_user(Role.REVIEWER)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        notify.submission_arrived(db.session, curriculum)
    [es_mail] = _mails(db, spanish.email)
    assert es_mail.subject == "Nueva solicitud por revisar: Core 80"
    assert f"{provider.organization.name} presentó “Core 80”." in es_mail.body
    [en_mail] = _mails(db, english.email)
    assert en_mail.subject == "New submission to review: Core 80"


def test_the_public_complaint_filer_is_answered_in_the_language_of_their_request(app, client, db):
    organization = make_organization("Bright Path")
    form = {
        "respondent_type": "provider",
        "organization_id": str(organization.id),
        "nature": "The course certificate listed hours that were never taught.",
        "complainant_contact": "robin@example.org",
    }
    client.post("/complaints/new", data=form, headers={"Accept-Language": "es"})
    [ack] = _mails(db, "robin@example.org")
    assert ack.subject.startswith("Queja recibida: referencia ")
    assert "Recibimos su queja el " in ack.body and "días naturales" in ack.body
    # A complaint filed in English is acknowledged in English.
    client.post(
        "/complaints/new",
        data={**form, "complainant_contact": "sam@example.org"},
        headers={"Accept-Language": "en"},
    )
    [ack] = _mails(db, "sam@example.org")
    assert ack.subject.startswith("Complaint received: reference ")


def test_a_signed_in_spanish_peer_gets_the_letter_and_the_appeal_receipt_in_spanish(app, db):
    reviewer = make_user(Role.REVIEWER)
    peer = _speaks(db, make_user(Role.PEER), "es")
    profile = make_profile(peer)
    complaint = make_suspended_complaint(profile, reviewer)
    [letter] = [m for m in _mails(db, peer.email) if complaint.reference in m.subject]
    assert letter.subject == f"Resolución final de la queja {complaint.reference}"
    assert letter.body.startswith("Fundamentada; suspender: Substantiated.")
    assert "1 de abril de 2026" in letter.body and "Para apelar dentro de 14 días" in letter.body
    with app.test_request_context("/"):
        login_user(peer)
        complaint_appeals.file_appeal(
            db.session,
            complaint,
            peer,
            P,
            today=date(2026, 4, 5),
            nature="The evidence was misread.",
            contact="me@example.org",
        )
    receipt = _mails(db, peer.email)[-1]
    assert receipt.subject == f"Apelación recibida: queja {complaint.reference}"
    assert "a más tardar el 4 de julio de 2026 (§805.6" in receipt.body
    # The reviewers hear of it in their own language (English, nothing saved).
    assert any(m.subject.startswith("New appeal: complaint") for m in _mails(db, reviewer.email))


def test_the_mail_viewer_shows_a_spanish_email(app, client, db):
    peer = _speaks(db, make_user(Role.PEER), "es")
    with in_language_of(db.session, peer.email):
        queue_email(
            db.session,
            peer.email,
            gettext("Your certification is reinstated"),
            gettext(
                "Certification %(number)s is active again until %(day)s.",
                number="MPSS1",
                day=email_day(date(2028, 3, 1)),
            ),
            category="registry",
            link="http://localhost/ce",
        )
    db.session.commit()
    login(client, make_user(Role.ADMIN))
    page = client.get("/admin/outbox").get_data(as_text=True)
    assert "Su certificación fue restablecida" in page
    assert "La certificación MPSS1 está activa de nuevo hasta el 1 de marzo de 2028." in page
    assert "Abrir: " in page and '<a href="http://localhost/ce">' in page


@pytest.mark.parametrize("locale", ["es", "en"])
def test_the_language_of_one_email_does_not_leak_into_the_next(app, db, locale):
    first = _speaks(db, make_user(Role.PEER), locale)
    second = make_user(Role.PEER)
    with in_language_of(db.session, first.email):
        pass
    with in_language_of(db.session, second.email) as spoken:
        assert spoken == "en" and gettext("Open: %(link)s", link="l") == "Open: l"


def test_a_reminder_sent_in_spanish_is_not_sent_again_the_next_day(app, db):
    """Reminders know what went out by its subject: in whichever language it was written."""
    spanish = _speaks(db, make_user(Role.PROVIDER), "es")
    make_curriculum(spanish, state="approved", title="Crisis")
    for day in (date(2027, 10, 3), date(2027, 10, 4), date(2027, 10, 5)):
        queue_reminders(db.session, P, day)
    subjects = [m.subject for m in _mails(db, spanish.email) if m.category == "renewal"]
    assert subjects == ["La aprobación vence en 90 días: Crisis (hasta 2028-01-01)"]
