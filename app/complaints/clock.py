"""The investigation clock of a complaint (§805.6–7): the same 90(+30)-day clock as an appeal's
review, kept below both domains in app.appeals.clock and named here for complaints."""

from __future__ import annotations

from app.appeals.clock import ClockRules, InvestigationClock, check_extension, investigation_clock

__all__ = ["ClockRules", "InvestigationClock", "check_extension", "investigation_clock"]
