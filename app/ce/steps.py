"""What a peer should do next (app.ce.services.next_steps), in the page's language.

The English wording is the services' own; in Spanish the same steps come from the catalogue, with
dates and hours in the Spanish form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from app import context
from app.ce import services
from app.i18n.locale import current_locale, format_day, format_number
from app.i18n.messages import translated


def next_steps(summary: dict[str, Any], status: str) -> list[str]:
    """``services.next_steps(summary)``, translated when the page is not in English."""
    if current_locale() == "en":
        return services.next_steps(summary)
    expires_on = date.fromisoformat(summary["expires_on"])
    steps = []
    short = summary["required_hours"] - summary["total_hours"]
    short_le = summary["required_law_ethics_hours"] - summary["law_ethics_hours"]
    values = {"date": format_day(expires_on), "hours": format_number(short)}
    if short > 0 and short_le > 0:
        steps.append(
            _(
                "You need %(hours)s more CE hours, %(law_ethics)s of them law and ethics, "
                "before %(date)s.",
                law_ethics=format_number(short_le),
                **values,
            )
        )
    elif short > 0:
        steps.append(_("You need %(hours)s more CE hours before %(date)s.", **values))
    elif short_le > 0:
        steps.append(
            _(
                "You need %(hours)s more hours of law and ethics before %(date)s.",
                hours=format_number(short_le),
                date=values["date"],
            )
        )
    steps.append(renewal_message(summary, status))
    attention = [e for e in summary["entries"] if not e["counted"]]
    if attention:
        steps.append(
            ngettext(
                "%(num)s entry does not count; see the reasons below.",
                "%(num)s entries do not count; see the reasons below.",
                len(attention),
            )
        )
    return steps


def renewal_message(summary: dict[str, Any], status: str) -> str:
    """The renewal outcome of ``summary`` (app.ce.rules.renewal_status) in the page's language."""
    renewal = summary["renewal"]
    policy = context.policy()
    window = summary["renewal_window"]
    code = renewal.get("code")
    if code == "CE_CANNOT_RENEW":
        return _("A %(status)s certification cannot be renewed.", status=_(status))
    if code == "CE_WINDOW_NOT_OPEN":
        return _(
            "The renewal window opens on %(date)s, %(days)s days before expiration.",
            date=format_day(window["opens"]),
            days=int(policy.value("renewal.window_days")),
        )
    if code == "CE_RENEWAL_OK":
        return _("The renewal window is open until %(date)s.", date=format_day(window["closes"]))
    if code == "CE_REINSTATEMENT":
        return _(
            "The certification lapsed on %(date)s: reinstatement needs a %(hours)s-hour refresher "
            "training, the signed code of ethics and a passed exam.",
            date=format_day(summary["expires_on"]),
            hours=int(policy.value("reinstatement.refresher_hours")),
        )
    if code == "CE_INITIAL_CERTIFICATION":
        return _(
            "The certification lapsed %(years)s or more years ago: apply for initial "
            "certification.",
            years=int(policy.value("reinstatement.lapse_years")),
        )
    return translated(renewal["message"])
