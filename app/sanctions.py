"""The sanctions that still stand against the signed-in person (a suspension or a revocation they
may appeal), for the peer's and the provider's dashboards.

The complaints package owns them and registers its reader here at start-up (app/wiring.py), so
CE and submissions, below complaints, list them without importing it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# A reader takes the session and the user and returns what stands against them, newest first.
Reader = Callable[[Any, Any], list]
READERS: list[Reader] = []


def sanction_reader(function: Reader) -> Reader:
    """Register ``function`` as a source of the sanctions that stand against a user."""
    if function not in READERS:
        READERS.append(function)
    return function


def standing_against(session, user) -> list:
    """Every registered reader's sanctions of ``user``, in the order the readers registered."""
    return [item for read in READERS for item in read(session, user)]
