"""Sessions, frames and declared totals decided by the outline, on the shapes the issue lists."""

from __future__ import annotations

from app.syllabus.parser import parse
from app.syllabus.services import check_syllabus


def _counted(text: str) -> float:
    return sum(m.counted_hours for m in parse(text).sessions)


def _totals(text: str) -> list[float]:
    return [t.hours for t in parse(text).declared_totals]


SEVENTEEN = "\n".join(f"## Module {n}: Topic number {n} (2 hours)" for n in range(1, 18))


def test_total_lines_are_declared_totals_not_modules():
    for line in (
        "**Duration:** 10 weeks (80 hours)",
        "Total: 80 hours of instruction",
        "Program length: 12 weeks, 80 hours",
        "The program is 80 hours long.",
    ):
        text = f"# Peer Support Core Training\n\n{line}\n\n{SEVENTEEN}\n"
        assert _counted(text) == 34, line
        assert _totals(text) == [80], line


def test_a_title_with_the_course_hours_is_a_declared_total():
    text = f"# Peer Support Core Training (80 hours)\n\n{SEVENTEEN}\n"
    assert _counted(text) == 34 and _totals(text) == [80]
    report = check_syllabus(text, "core")
    codes = {f.code for f in report.findings}
    assert {"HOURS_SHORT", "DECLARED_TOTAL_MISMATCH"} <= codes and not report.passed


def test_plain_text_course_line_under_the_provider_is_the_total():
    lines = ["Valley Peer Collective", "Core Training (80 hours)"]
    lines += [f"Module {n}. Topic {n} (2 hours)" for n in range(1, 18)]
    text = "\n".join(lines)
    assert _counted(text) == 34 and _totals(text) == [80]


def test_hours_on_sub_items_refine_the_module():
    text = (
        "## Professional Practice (6 hours)\n"
        "- HIPAA and confidentiality (2 hours)\n"
        "- Documentation and progress notes (2 hours)\n"
        "- Ethics and boundaries (2 hours)\n"
        "## Trauma-informed care (4 hours)\n"
    )
    syllabus = parse(text)
    assert _counted(text) == 10
    assert [m.title for m in syllabus.sessions] == ["Professional Practice", "Trauma-informed care"]


def test_hours_only_on_sub_items_count_once_each():
    text = "## Module 1: Recovery\n- Hope (2 hours)\n- Wellness (1 hour)\n## Module 2: Ethics\n- Boundaries (3 hours)\n"
    assert _counted(text) == 6


def test_a_day_frame_with_timed_sessions_is_not_itself_counted():
    text = (
        "## Day 3 — 8:00 a.m. to 5:00 p.m.\n"
        "- 8:00–10:00 Trauma-informed care\n"
        "- 10:00 a.m. to noon Cultural humility\n"
        "- 12:00–1:00 Lunch\n"
        "- 1:00–5:00 Group facilitation practice\n"
    )
    syllabus = parse(text)
    kinds = [(m.title, m.kind) for m in syllabus.modules]
    assert ("Day 3", "frame") in kinds and ("Lunch", "break") in kinds
    assert _counted(text) == 8


def test_a_day_without_timed_parts_is_the_session():
    text = "Day 1 — 9:00am to 1:30pm\n– Module 1: Orientation\n– Module 2: Lived experience\n"
    syllabus = parse(text)
    assert [(m.hours, m.kind) for m in syllabus.sessions] == [(4.5, "instruction")]
    assert "Orientation" in syllabus.sessions[0].text()


def test_long_module_lines_keep_their_hours():
    text = "Module 6: Vintage footage of early activists (6:01) and discussion of the movement today — 1 hour\n"
    assert _counted(text) == 1


def test_sentences_that_mention_hours_are_not_sessions():
    text = (
        "# Course\n\nParticipants should plan for about 3 hours of reading each week, and the "
        "warmline is open 24 hours a day.\n\n## Module 1: Ethics (2 hours)\n"
    )
    syllabus = parse(text)
    assert _counted(text) == 2 and syllabus.notes


def test_breaks_and_exams_inside_a_module_are_set_aside():
    text = "## Module 12: Getting the job (8 hours)\n- Résumés\n- Final exam (2 hours)\n"
    syllabus = parse(text)
    assert [(m.kind, m.hours) for m in syllabus.sessions] == [("instruction", 8.0), ("exam", 2.0)]


def test_spanish_syllabus():
    text = (
        "# Capacitación básica\n\nDuración total: 40 horas\n\n"
        "## Módulo 1: Atención informada sobre el trauma (4 horas)\n"
        "## Módulo 2: Confidencialidad (90 minutos)\n"
        "## Módulo 3: Autocuidado (2,5 horas)\n"
        "## Almuerzo (45 minutos)\n"
    )
    assert _counted(text) == 8 and _totals(text) == [40]
    report = check_syllabus(text, "core")
    credited = {c for m in report.modules for c in m.competencies}
    assert {"core-6", "core-16", "core-8"} <= credited


def test_every_unit_with_hours_says_why_it_counts_or_not():
    text = "## Ethics (2 hours)\n## Lunch (30 minutes)\n## Practicum (10 hours)\n"
    reasons = {m.title: m.reason for m in parse(text).modules}
    assert reasons["Ethics"].startswith("Counted")
    assert "App. C 4.C" in reasons["Lunch"] and reasons["Practicum"].startswith("Not counted")
