"""Messages kept in stored JSON (a checker report, a roster's rows), so a page can show them in
its own language later (pure).

A stored text stays its English self where programs read it (the CLI, the JSON API, CSV files);
next to it, ``stored(text)`` keeps its template and values as plain JSON, and
``restored(text, kept)`` makes the ``Message`` again. Text stored before templates were kept, or
whose kept form no longer gives the same English, comes back as it is: the page then looks the
English up in the catalogue as it is and shows it in English when the catalogue lacks it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.messages import Listed, LongDate, Message


def stored(text: Any) -> dict[str, Any] | None:
    """``text``'s template and values as JSON, or None when it is plain text."""
    if not isinstance(text, Message):
        return None
    return {"template": text.template, "params": {k: _value(v) for k, v in text.params.items()}}


def restored(text: Any, kept: Any) -> Any:
    """The ``Message`` ``kept`` describes when it still reads as ``text``; else ``text``."""
    if not isinstance(kept, dict) or not isinstance(text, str):
        return text
    try:
        message = _message(kept)
    except (KeyError, TypeError, ValueError):
        return text
    return message if message == text else text


def _value(value: Any) -> Any:
    if isinstance(value, Message):
        return {"message": stored(value)}
    if isinstance(value, LongDate):
        return {"long_date": value.day.isoformat()}
    if isinstance(value, Listed):
        return {
            "listed": [_value(part) for part in value.parts],
            "separator": value.separator,
            "capital": value.capital,
        }
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _message(kept: dict[str, Any]) -> Message:
    template = kept["template"]
    if not isinstance(template, str):
        raise TypeError(template)
    return Message(template, **{k: _read(v) for k, v in (kept.get("params") or {}).items()})


def _read(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "message" in value:
        return _message(value["message"])
    if "long_date" in value:
        return LongDate(date.fromisoformat(value["long_date"]))
    if "listed" in value:
        return Listed(
            [_read(part) for part in value["listed"]],
            value.get("separator", ", "),
            capital=bool(value.get("capital")),
        )
    if "date" in value:
        return date.fromisoformat(value["date"])
    raise ValueError(value)
