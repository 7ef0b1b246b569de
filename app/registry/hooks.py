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

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

NAMES = ("link_profile", "sync_profiles", "ce_summary", "renewal_status")


def _not_connected(name: str) -> Callable[..., Any]:
    def missing(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"CE has not given the registry {name}: create_app connects them.")

    return missing


CE = SimpleNamespace(**{name: _not_connected(name) for name in NAMES})


def use(**functions: Callable[..., Any]) -> None:
    """Give the registry CE's functions, by the names above; an unknown name is refused."""
    unknown = set(functions) - set(NAMES)
    if unknown:
        raise TypeError(f"The registry needs no {sorted(unknown)} of CE.")
    for name, function in functions.items():
        setattr(CE, name, function)
