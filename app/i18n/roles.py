"""The word for a person's role (provider, reviewer, peer, administrator) in the current language,
as an invitation names it ("… invited you as a reviewer")."""

from __future__ import annotations

from flask_babel import pgettext


def role_word(role: str) -> str:
    """``role`` (an app.auth.models.Role value) as a word of the current language."""
    words = {
        "provider": pgettext("role", "provider"),
        "reviewer": pgettext("role", "reviewer"),
        "peer": pgettext("role", "peer"),
        "admin": pgettext("role", "admin"),
    }
    return words.get(str(role), str(role))
