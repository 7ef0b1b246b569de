"""A provider's corrections to what the checker read (pure): as data, and applied to a copy of the
parsed syllabus, so the rules judge what the provider says rather than what was guessed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.messages import Message
from app.syllabus.doubts import CORRECTION_FIELDS, Correction
from app.syllabus.errors import CorrectionError
from app.syllabus.parser import DeclaredTotal, Module, Syllabus

READING_VERSION = 1
CONFIRM = "confirm"  # "the reading of this line is right": closes the doubts on it
FIELDS = (*CORRECTION_FIELDS, CONFIRM)
EXCLUDED = "excluded"  # the kind of a session the provider says is not instruction
TOLERANCE = 0.01


def correction_to_dict(correction: Correction) -> dict[str, Any]:
    """A correction as JSON (only the keys that say something)."""
    data: dict[str, Any] = {
        "line": correction.line,
        "field": correction.field,
        "value": correction.value,
    }
    if correction.title:
        data["title"] = correction.title
    if correction.hours is not None:
        data["hours"] = correction.hours
    if correction.evidence:
        data["evidence"] = correction.evidence
    if correction.remove:
        data["remove"] = True
    return data


def correction_from_dict(data: Any, index: int = 0) -> Correction:
    """A correction from JSON; CorrectionError naming correction ``index + 1`` when malformed."""
    name = Message("Correction %(number)s", number=index + 1)
    if not isinstance(data, dict):
        raise CorrectionError(
            Message("%(name)s is not an object with line, field and value.", name=name)
        )
    line, kind = data.get("line"), data.get("field")
    if not isinstance(line, int) or isinstance(line, bool) or line < 0:
        raise CorrectionError(
            Message(
                "%(name)s: 'line' must be a line number, not %(value)s.",
                name=name,
                value=repr(line),
            )
        )
    if kind not in FIELDS:
        raise CorrectionError(
            Message(
                "%(name)s (line %(line)s): unknown field %(value)s; expected one of %(fields)s.",
                name=name,
                line=line,
                value=repr(kind),
                fields=", ".join(FIELDS),
            )
        )
    hours = data.get("hours")
    if hours is not None and not _is_number(hours):
        raise CorrectionError(
            Message(
                "%(name)s (line %(line)s): 'hours' must be a number, not %(value)s.",
                name=name,
                line=line,
                value=repr(hours),
            )
        )
    return Correction(
        line=line,
        field=kind,
        value=data.get("value", True),
        title=str(data.get("title") or "")[:300],
        hours=float(hours) if hours is not None else None,
        evidence=str(data.get("evidence") or "")[:500],
        remove=bool(data.get("remove", False)),
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _name(correction: Correction, index: int) -> str:
    return Message(
        "Correction %(number)s (line %(line)s, %(field)s)",
        number=index + 1,
        line=correction.line,
        field=correction.field,
    )


@dataclass
class CorrectedSyllabus(Syllabus):
    """A syllabus with a provider's corrections applied; the rules read ``credit_overrides``."""

    applied: list[Correction] = field(default_factory=list)
    # module line -> [(competency id, evidence, remove)]
    credit_overrides: dict[int, list[tuple[str, str, bool]]] = field(default_factory=dict)


def apply_corrections(
    syllabus: Syllabus, corrections: Sequence[Correction], *, known: Iterable[str] = ()
) -> CorrectedSyllabus:
    """A copy of ``syllabus`` with ``corrections`` applied in order (the original is untouched).

    ``known`` lists the competency identifiers a correction may credit (empty: any). Raises
    CorrectionError naming the first correction that names no such line, field or value.
    """
    copy = _copy(syllabus)
    known = set(known)
    line_count = syllabus.text.count("\n") + 1 if syllabus.text else 0
    for index, correction in enumerate(corrections):
        _apply(copy, correction, _name(correction, index), known, line_count)
        copy.applied.append(correction)
    copy.modules.sort(key=lambda m: m.line)
    return copy


def _copy(syllabus: Syllabus) -> CorrectedSyllabus:
    values = {f.name: getattr(syllabus, f.name) for f in dataclasses.fields(syllabus)}
    values["modules"] = list(syllabus.modules)
    values["declared_totals"] = list(syllabus.declared_totals)
    values["notes"] = list(syllabus.notes)
    values["meta"] = dict(syllabus.meta)
    values["applied"] = list(values.get("applied") or [])
    values["credit_overrides"] = {
        line: list(items) for line, items in (values.get("credit_overrides") or {}).items()
    }
    doubts = list(getattr(syllabus, "doubts", None) or [])
    if "doubts" in values:
        values["doubts"] = doubts
    copy = CorrectedSyllabus(**values)
    if doubts and "doubts" not in values:
        copy.doubts = doubts  # a reader that attaches doubts without declaring the field
    return copy


def _module_at(syllabus: Syllabus, line: int) -> int | None:
    for index, module in enumerate(syllabus.modules):
        if module.line == line:
            return index
    return None


def _session_on_line(syllabus: Syllabus, correction: Correction, name: str) -> int:
    """Where the session read on the correction's line stands; CorrectionError if none was."""
    index = _module_at(syllabus, correction.line)
    if index is None:
        raise CorrectionError(
            Message(
                "%(name)s: no session was read on line %(line)s.", name=name, line=correction.line
            )
        )
    return index


def _apply(
    syllabus: CorrectedSyllabus, correction: Correction, name: str, known: set, line_count: int
) -> None:
    if correction.field not in FIELDS:
        raise CorrectionError(
            Message(
                "%(name)s: unknown field; expected one of %(fields)s.",
                name=name,
                fields=", ".join(FIELDS),
            )
        )
    if line_count and not 0 <= correction.line <= line_count:
        raise CorrectionError(
            Message("%(name)s: the syllabus has %(count)s lines.", name=name, count=line_count)
        )
    if correction.field == CONFIRM:
        return
    if correction.field == "total":
        _apply_total(syllabus, correction, name)
    elif correction.field == "session":
        _apply_session(syllabus, correction, name)
    else:
        index = _session_on_line(syllabus, correction, name)
        if correction.field == "hours":
            syllabus.modules[index] = _with_hours(syllabus.modules[index], correction, name)
        elif correction.field == "counted":
            syllabus.modules[index] = _with_counted(syllabus.modules[index], correction)
        else:
            _credit(syllabus, correction, name, known)


def _hours_value(value: Any, name: str) -> float:
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
        try:
            value = float(value)
        except ValueError:
            raise CorrectionError(
                Message(
                    "%(name)s: the hours must be a number, not %(value)s.",
                    name=name,
                    value=repr(value),
                )
            ) from None
    if not _is_number(value) or value < 0 or value > 10_000:
        raise CorrectionError(
            Message(
                "%(name)s: the hours must be a number from 0, not %(value)s.",
                name=name,
                value=repr(value),
            )
        )
    return float(value)


def _with_hours(module: Module, correction: Correction, name: str) -> Module:
    hours = _hours_value(correction.value, name)
    return dataclasses.replace(
        module,
        hours=hours,
        hours_max=None,
        approximate=False,
        hours_text=Message("%(hours)s h (corrected)", hours=hours),
        reason=Message("The provider gives this session %(hours)s h.", hours=hours),
    )


def _with_counted(module: Module, correction: Correction) -> Module:
    if _truth(correction.value):
        return dataclasses.replace(
            module,
            kind="instruction",
            reason=Message("The provider says this is direct instruction."),
        )
    kind = module.kind if module.kind not in ("instruction", "frame") else EXCLUDED
    return dataclasses.replace(
        module, kind=kind, reason=Message("The provider says this is not direct instruction.")
    )


def _truth(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "y", "1", "on")
    return bool(value)


def _source_line(syllabus: Syllabus, line: int) -> str:
    lines = syllabus.text.split("\n") if syllabus.text else []
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def _apply_session(syllabus: CorrectedSyllabus, correction: Correction, name: str) -> None:
    if not _truth(correction.value):
        removed = syllabus.modules.pop(_session_on_line(syllabus, correction, name))
        syllabus.notes.append(
            (
                correction.line,
                Message(
                    "“%(title)s”: the provider says this is not a session", title=removed.title
                ),
            )
        )
        return
    index = _module_at(syllabus, correction.line)
    hours = correction.hours
    if hours is None and index is None:
        raise CorrectionError(Message("%(name)s: give the session's hours.", name=name))
    title = correction.title or _source_line(syllabus, correction.line)[:160]
    if index is not None:
        module = syllabus.modules[index]
        syllabus.modules[index] = dataclasses.replace(
            module,
            title=title or module.title,
            hours=hours if hours is not None else module.hours,
            kind="instruction",
            reason=Message("The provider says this line is a session."),
        )
        return
    if not title:
        raise CorrectionError(Message("%(name)s: give the session's title.", name=name))
    syllabus.modules.append(
        Module(
            title=title,
            line=correction.line,
            hours=_hours_value(hours, name),
            hours_text=Message("%(hours)s h (corrected)", hours=_hours_value(hours, name)),
            reason=Message("The provider says this line is a session."),
            parts=[],
        )
    )


def _apply_total(syllabus: CorrectedSyllabus, correction: Correction, name: str) -> None:
    totals = syllabus.declared_totals
    at = [i for i, t in enumerate(totals) if (t.line or 0) == correction.line]
    if not _truth(correction.value):
        if not at:
            raise CorrectionError(
                Message(
                    "%(name)s: no declared total was read on line %(line)s.",
                    name=name,
                    line=correction.line,
                )
            )
        syllabus.declared_totals = [t for i, t in enumerate(totals) if i not in at]
        return
    if at:
        chosen = totals[at[0]]
        if correction.hours is not None:
            chosen = dataclasses.replace(chosen, hours=correction.hours, maximum=None)
    else:
        if correction.hours is None:
            raise CorrectionError(
                Message("%(name)s: give the hours this statement declares.", name=name)
            )
        text = correction.title or _source_line(syllabus, correction.line)
        chosen = DeclaredTotal(correction.hours, text[:160], correction.line or None, "provider")
    syllabus.declared_totals = [chosen, *(t for i, t in enumerate(totals) if i not in at)]


def _credit(syllabus: CorrectedSyllabus, correction: Correction, name: str, known: set) -> None:
    identifier = str(correction.value or "").strip().lower()
    if not identifier or (known and identifier not in known):
        raise CorrectionError(
            Message(
                "%(name)s: %(value)s is not a competency of this program.",
                name=name,
                value=repr(correction.value),
            )
        )
    evidence = correction.evidence
    syllabus.credit_overrides.setdefault(correction.line, []).append(
        (identifier, evidence, correction.remove)
    )
