"""What the DHCS report needs from the CE package, filled at start-up (app.wiring), so that the
report sits below CE and never imports it.

``standing()`` is the condition a training record must meet to count: CE says which completions it
reported were withdrawn after a dispute (§207.13.B). Until CE registers, every record counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import true

from app.hooks import Hooks

_CE = Hooks("report", "CE", standing=true)


def use(*, standing: Callable[[], Any]) -> None:
    """Register the condition of a training record that counts (called once by app.wiring)."""
    _CE.use(standing=standing)


def standing() -> Any:
    """The SQL condition a counted training record meets."""
    return _CE.standing()
