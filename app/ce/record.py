"""What the registry reads of a peer's CE record: the one module of app.ce that app.registry
imports (tests/test_imports.py holds it to that).

The registry links a certified peer's account to a CE profile, shows the CE summary when the
peer attests at renewal, and reads whether renewal is open; the rest of CE is none of its
business."""

from __future__ import annotations

from app.ce.csvio import decode
from app.ce.forms import SPECIALIZATION_CHOICES, ActionForm
from app.ce.models import PeerProfile
from app.ce.profiles import profile_of, summary_for
from app.ce.rules import renewal_status

__all__ = [
    "SPECIALIZATION_CHOICES",
    "ActionForm",
    "PeerProfile",
    "decode",
    "profile_of",
    "renewal_status",
    "summary_for",
]
