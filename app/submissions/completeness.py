"""When an application is complete (§301.2, §803.3) and when a report may be approved (pure)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

_COMPETENCY = re.compile(r"covers (\S+) \(")


def syllabus_reads(report: dict) -> bool:
    """The checker found at least one module: the syllabus can be reviewed."""
    return bool(report.get("modules"))


def missing_for_review(*, fee_recorded: bool, report: dict) -> list[str]:
    """What keeps an application from being complete; empty when the 90-day clock may start."""
    missing = []
    if not fee_recorded:
        missing.append("fee")
    if not syllabus_reads(report):
        missing.append("syllabus")
    return missing


@dataclass(frozen=True)
class OpenError:
    index: int
    finding: dict


def open_errors(
    report: dict, overridden: Collection[int], covered_by_reviewer: Collection[str]
) -> list[OpenError]:
    """The report's errors a reviewer has not set aside: overridden by position, or (for a missing
    competency) confirmed covered by the reviewer."""
    result = []
    for index, finding in enumerate(report.get("findings", [])):
        if finding.get("severity") != "error" or index in overridden:
            continue
        named = _COMPETENCY.search(finding.get("message", ""))
        if (
            finding.get("code") == "COMPETENCY_MISSING"
            and named
            and named[1] in covered_by_reviewer
        ):
            continue
        result.append(OpenError(index, finding))
    return result
