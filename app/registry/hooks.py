"""What the registry needs of CE, which sits above it and owns the peer's CE profile.

The registry never imports CE. CE hands these functions over at start-up (``use``, called from
app/wiring.py) and the registry calls them through ``CE``:

- ``link_profile(session, user, record)``: the user's CE profile made to match the record they now
  hold; returns the profile.
- ``sync_profiles(session, records)``: the profiles of the claimed ``records`` take the registry's
  facts (the peer never sets these).
- ``ce_summary(session, user, policy, today)``: the peer's CE summary of the current period, which
  the renewal attests to (§207.3, §207.9).
- ``renewal_status(status, today, expires_on, policy)``: whether a certification can renew today
  (§207.7–8, §802.1.B), as a dict with its ``code``, ``citation`` and ``message``.
"""

from __future__ import annotations

from app.hooks import Hooks

NAMES = ("link_profile", "sync_profiles", "ce_summary", "renewal_status")
CE = Hooks("registry", "CE", **dict.fromkeys(NAMES))
use = CE.use  # give the registry CE's functions, by the names above; an unknown name is refused
