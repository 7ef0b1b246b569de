"""Words that come from the program's data (CE sources, law-and-ethics topics, statuses), marked
here so `make translations` finds them; pages translate them with ``translated(text)``.

tests/i18n/test_data_strings.py fails when the data gains a label this list does not hold.
"""

from __future__ import annotations

from flask_babel import gettext


def N_(text: str) -> str:
    """Mark ``text`` for extraction without translating it here."""
    return text


# app/ce/rules.py ACCEPTED_SOURCES (App. C 5.B)
SOURCES = (
    N_("CalMHSA CE-approved training provider"),
    N_("Pre-approved course of a CalMHSA-approved training provider"),
    N_("County behavioral health department or its contracted network provider"),
    N_("Accredited school, including vocational education"),
    N_("Professional certification or licensing board"),
)
# competencies/law_ethics_topics.yaml (App. C 3.C)
LAW_ETHICS_TOPICS = (
    N_("Law and ethics relevant to California"),
    N_("Treatment of minors"),
    N_("State and federal confidentiality laws"),
    N_("Record keeping"),
    N_("Crisis support"),
    N_("Client access to records"),
    N_("Dual relationships"),
    N_("Child abuse, elder and dependent adult abuse"),
    N_("Telehealth services"),
    N_("Insurance reimbursement"),
    N_("Civil liability"),
    N_("Disciplinary actions and unprofessional conduct"),
    N_("Ethics complaints and ethical standards"),
    N_("Standards of care"),
    N_("Relevant family law"),
    N_("Disclosures to clients"),
    N_("Application of legal and ethical standards in different types of work settings"),
)
# app/policy.py SANCTION_CE (App. F): the CE each sanction requires, and the parts it counts
SANCTIONS = (
    N_("6 hours of law and ethics"),
    N_("6 hours of cultural sensitivity"),
    N_("6 hours of ethics and professional boundaries"),
    N_("9 hours of ethics"),
    N_("6 hours of ethics and 8 hours of mandated reporting"),
    N_("20 hours of CE"),
    N_("a 40-hour training (or the exam again)"),
)
SANCTION_PARTS = (
    N_("law and ethics"),
    N_("cultural sensitivity"),
    N_("ethics and professional boundaries"),
    N_("ethics"),
    N_("mandated reporting"),
    N_("CE"),
    N_("one 40-hour training"),
)
# app/ce/rules.py CertificationStatus (§500.2)
STATUSES = (N_("active"), N_("suspended"), N_("revoked"), N_("expired"))

# Messages the services give people (app.auth.services, app.ce.services), shown as they are in
# English and translated where they are shown.
MESSAGES = (
    N_("Please sign in to open that page."),
    N_(
        "Confirm your email address first: we have sent a new link to it. Follow the link, "
        "then sign in."
    ),
    N_("The email address or password is not right, or the account is locked for a while."),
    N_("The end of the renewal range is before its start."),
    N_("Draw a positive number of peers, or a percentage up to 100."),
    N_("No active peer renews in that range."),
    N_("Accept or reject the proof."),
    N_("Say why the proof is rejected: the peer reads it."),
    N_("Choose the outcome: compliant, not compliant or referred."),
)

# Words inside confirmations: app/submissions/common.py MISSING_TEXT and the syllabus verdicts
# (app/syllabus/report.py Report.decision)
CONFIRMATION_WORDS = (
    N_("the application fee is not recorded yet"),
    N_("the syllabus does not read: the checker found no module in it"),
    N_("pass"),
    N_("fail"),
    N_("needs confirmation"),
)


def translated(text: str) -> str:
    """``text`` in the page's language when the catalogue has it, else as it is."""
    return gettext(text) if text else text
