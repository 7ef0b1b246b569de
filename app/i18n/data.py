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
# The checker's finding codes in words (app/submissions/pages.py code_label): "HOURS_SHORT" is
# "Hours short".
FINDING_CODES = (
    N_("Assessment missing"),
    N_("Breaks excluded"),
    N_("Competency missing"),
    N_("Competency thin"),
    N_("Coverage inferred"),
    N_("Declared total mismatch"),
    N_("Hours approximate"),
    N_("Hours errors"),
    N_("Hours missing"),
    N_("Hours range"),
    N_("Hours short"),
    N_("Law ethics no topics"),
    N_("Law ethics topics"),
    N_("Non instruction reported"),
    N_("No instruction hours"),
    N_("No modules"),
    N_("Other framework tag"),
    N_("Prerequisite not stated"),
    N_("Refresher areas"),
    N_("Subitems exceed module"),
    N_("Unclaimed coverage"),
    N_("Unknown competency"),
    N_("Unsupported claim"),
)
# app/reports/dhcs.py: the App. E data elements and the words of its categories; the report's CSV
# keeps the English.
DHCS_ELEMENTS = (
    N_("Age"),
    N_("Gender identity"),
    N_("Race/ethnicity (more than one may be chosen)"),
    N_("Proficient languages"),
    N_("Employment status at time of application"),
    N_("Employer/agency and county"),
    N_("County of residence"),
    N_("Medi-Cal Peer Support Specialists certified"),
    N_("Certified through grandparenting (May 2022 – December 2022)"),
    N_("Received training in a specialization: Parent, Caregiver Family Member Peer"),
    N_("Received training in a specialization: Work with persons in crisis"),
    N_("Received training in a specialization: Work with persons who are unhoused"),
    N_("Received training in a specialization: Work with persons involved in the justice system"),
    N_("Persons who received peer supervisor training"),
    N_("Certified through out-of-state reciprocity"),
    N_("Applicants who registered for training"),
    N_("Applicants who completed training"),
    N_("Applicants who registered for the examination"),
    N_("Applicants who did not receive certification"),
    N_("Applicants employed in peer services prior to certification"),
    N_("County of employment, or of residence if not employed"),
    N_("Certified peers who renewed certification"),
)
DHCS_CATEGORIES = (
    N_("Total"),
    N_("None recorded"),
    N_("Not stated"),
    N_("Under 18"),
    N_("Parent, Caregiver Family Member Peer"),
    N_("Work with persons in crisis"),
    N_("Work with persons who are unhoused"),
    N_("Work with persons involved in the justice system"),
)
# app/policy.py: the stated hours rules a finding cites as its basis (app/syllabus/rules.py).
HOURS_RULE_TEXTS = (
    N_("Core competency training is 80 hours covering all 17 core competencies."),
    N_("Refresher training is 40 hours covering areas of the core competencies."),
)
# app/policy.py: the texts of the rules an administrator may set (the settings page).
SETTING_TEXTS = (
    N_(
        "Specialization training hours vary by specialization (§212); the provider-application page lists 40 hours for each specialization."
    ),
    N_(
        "The Guidelines set no minimum hours per competency; thin coverage is a warning at a configurable threshold."
    ),
    N_(
        "A complete application includes the training materials; the Guidelines name no assessment method, so a competency with none stated is a warning."
    ),
    N_(
        "A declared competency whose module text scores below this against the competency's statements is flagged as unsupported (a setting of the checker)."
    ),
    N_(
        "Text that matches an unclaimed competency at or above this score is pointed out (a setting of the checker)."
    ),
    N_(
        "In an untagged syllabus, a module is taken to cover its best-matching competency at or above this score (inferred, a setting of the checker)."
    ),
    N_(
        "A module is credited with a competency when one of its parts (title, bullet or sentence) matches it at or above this score, or names it (a setting of the checker)."
    ),
    N_(
        "A part's best match must lead the next competency by this much to count as evidence (a setting of the checker)."
    ),
    N_(
        "A competency no session is credited with goes to a session whose competencies other sessions also teach, when it is that session's best or next best match at or above this score (a setting of the checker)."
    ),
    N_(
        "A competency no session is credited with is asked about, on the session whose words match it best, when that match scores at or above this; the verdict waits for the answer when it depends on it (a setting of the checker)."
    ),
    N_("Providers are reminded of approvals expiring within 90 days."),
    N_("Reviewers are warned of submissions due within 14 days."),
    N_(
        "Days before expiration of the second renewal reminder (the first goes when the window opens)."
    ),
    N_("Days before expiration of the last renewal reminder."),
    N_("Days a code sent to claim a registry record stays valid."),
    N_("A reviewer's home page lists the registry changes recorded late in the last 30 days."),
    N_("Providers are reminded a second time of approvals expiring within 30 days."),
    N_(
        "Counts below this number are suppressed in the aggregate report so no person can be singled out."
    ),
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
