"""Program titles and curriculum states in the page's language: the titles of app/policy.py and
the states of app/submissions/states.py, marked here so `make translations` finds them, and the
template filters that show them."""

from __future__ import annotations

from flask_babel import gettext

from app.i18n.data import N_
from app.policy import DEFAULT_POLICY, Policy

# app/policy.py's programs (§202.1.G, §209.2.A, §212, §301.1.C).
TITLES = (
    N_("Medi-Cal Peer Support Specialist Training"),
    N_("Refresher Training"),
    N_("Parent, Caregiver, Family Member"),
    N_("Peer Services in Crisis Care"),
    N_("Peer Services for Unhoused"),
    N_("Peer Services for Justice Involved"),
    N_("Continuing Education (CE) Training"),
)

# app/submissions/states.py SubmissionState and ChangeState, as pages write them.
STATES = (
    N_("draft"),
    N_("incomplete"),
    N_("submitted"),
    N_("revisions requested"),
    N_("approved"),
    N_("denied"),
    N_("appealed"),
    N_("appeal approved"),
    N_("appeal denied"),
    N_("withdrawn"),
)


def state_name(state: object) -> str:
    """A curriculum's or a change's state in words ("revisions_requested" is "revisions
    requested"), in the page's language."""
    words = str(getattr(state, "value", state) or "").replace("_", " ")
    return gettext(words) if words else words


def program_title(program: str, policy: Policy = DEFAULT_POLICY) -> str:
    """A program's title in the page's language; an unknown program as it is."""
    try:
        return gettext(policy.program(program).title)
    except ValueError:
        return program


def program_label(program: str, policy: Policy = DEFAULT_POLICY) -> str:
    """The title with the hours the program requires, e.g. "Refresher Training (40 hours)"."""
    try:
        hours = policy.required_hours(program)
    except ValueError:
        return program
    title = program_title(program, policy)
    if hours is None:
        return title
    return gettext("%(title)s (%(hours)s hours)", title=title, hours=f"{hours:g}")
