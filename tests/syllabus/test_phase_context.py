"""The phase a session belongs to, from its own title or its headings, decides between competencies."""

from __future__ import annotations

from app.framework.loader import cached_catalog
from app.syllabus.context import PHASE_SHARE, ranked_in_phase
from app.syllabus.services import check_syllabus
from app.syllabus.suggest import Suggestion


def _credited(text: str) -> dict[str, list[str]]:
    report = check_syllabus(text, "crisis")
    return {m.title: m.competencies for m in report.modules if m.kind == "instruction"}


def test_a_session_title_saying_when_tells_same_titled_competencies_apart():
    text = (
        "# Crisis specialization\nPrerequisite: core certification.\n"
        "## Trauma-informed care while the crisis is happening (4 h)\n"
        "## Trauma-informed care before any crisis begins (4 h)\n"
    )
    credited = _credited(text)
    assert credited["Trauma-informed care while the crisis is happening"] == ["crisis-7"]
    assert credited["Trauma-informed care before any crisis begins"] == ["crisis-4"]


def _s(identifier: str, score: float) -> Suggestion:
    return Suggestion(identifier, score, ())


def test_a_phase_heading_prefers_its_own_competency_when_it_is_close():
    catalog = cached_catalog()
    ranked = [_s("crisis-8", 0.5), _s("crisis-11", 0.46), _s("crisis-9", 0.2)]
    after = ["Crisis course", "Phase 3: after a crisis"]
    assert [s.id for s in ranked_in_phase(ranked, after, catalog)] == ["crisis-11"]
    # No phase named, or the phase's own competency far behind: the words decide.
    assert ranked_in_phase(ranked, ["Crisis course", "Day 3"], catalog) == ranked
    far = [_s("crisis-8", 1.0), _s("crisis-11", PHASE_SHARE - 0.01)]
    assert ranked_in_phase(far, after, catalog) == far
