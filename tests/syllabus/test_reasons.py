"""Each session's reason keeps its template, so a Spanish page shows it in Spanish (issue 25)."""

from __future__ import annotations

from app.messages import Message
from app.syllabus.parser import parse


def reasons(text: str) -> dict[str, Message]:
    syllabus = parse(text)
    return {m.title: m.reason for m in syllabus.modules}


def assert_translatable(reason: object, *values: str) -> None:
    assert isinstance(reason, Message), reason
    for value in values:
        assert value in reason  # the English text shows the value
        assert value not in reason.template  # the template holds a placeholder for it


def test_a_frame_around_timed_parts_gives_its_reason_as_a_message():
    found = reasons(
        "Core training\n\n"
        "## Week 1 (9 hours)\n\n"
        "- Hope and recovery (5 hours)\n"
        "- Advocacy basics (3 hours)\n"
    )
    frame = next(r for title, r in found.items() if title.startswith("Week 1"))
    assert_translatable(frame, "8 h", "9 h")


def test_sub_items_that_refine_a_module_are_named_in_one_message():
    found = reasons(
        "Core training\n\n"
        "## Module 1: Hope and recovery (4 hours)\n\n"
        "Lecture and practice.\n\n"
        "- Lecture on hope (1 hour)\n"
        "- Practice in pairs (2 hours)\n"
    )
    module = found["Module 1: Hope and recovery"]
    assert_translatable(module, "(3 h)")
    assert "refine it" in module
    assert isinstance(module.params["reason"], Message)  # the first part is translated in turn


def test_days_under_a_daily_time_give_their_reasons_as_messages():
    found = reasons(
        "Refresher\n\n"
        "## Week 2 — Monday to Thursday, 9:00 a.m. to 1:00 p.m.\n\n"
        "Each day includes one 30-minute break.\n\n"
        "- Mon: Ethics refresher\n"
        "- Tue: Boundaries\n"
        "- Wed: Documentation\n"
    )
    days = [r for title, r in found.items() if title.startswith(("Mon", "Tue", "Wed"))]
    assert len(days) == 3
    for reason in days:
        assert_translatable(reason, "3.5 h", "0.5 h")
    frame = next(r for r in found.values() if "daily time of" in r)
    assert_translatable(frame, "3 days")
