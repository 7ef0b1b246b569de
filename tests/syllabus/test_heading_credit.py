"""A session whose own words show nothing is credited by the heading it sits under."""

from __future__ import annotations

from app.framework.loader import cached_catalog
from app.syllabus.context import topic_heading
from app.syllabus.services import check_syllabus

OUTLINE = (
    "# Peer course\n\n"
    "## Block A · Confidentiality, privacy and HIPAA\n"
    "- Part 1 (2 h)\n- Part 2 (3 h)\n\n"
    "## Block B · Running a peer support group\n"
    "- Part 1 (2 h)\n- Part 2 (3 h)\n\n"
    "## Block C · Monday\n"
    "- Part 1 (2 h)\n- Part 2 (3 h)\n"
)


def test_sessions_without_words_of_their_own_take_the_competency_of_their_heading():
    report = check_syllabus(OUTLINE, "core")
    by_block: dict[str, set[str]] = {}
    for module in report.modules:
        if module.kind == "instruction" and module.path:
            by_block.setdefault(module.path[-1][:7], set()).update(module.competencies)
    assert by_block["Block A"] == {"core-16"}
    assert by_block["Block B"] == {"core-7"}
    assert by_block["Block C"] == set()  # a heading that names nothing credits nothing


def test_a_phase_heading_or_the_document_title_is_no_topic():
    crisis = cached_catalog().framework("crisis")
    assert topic_heading(["Crisis course", "Phase 2: active crisis support"], crisis) is None
    assert topic_heading(["Crisis course"], crisis) is None
    assert topic_heading(["Crisis course", "Day 3: Overdose response"], crisis) == (
        "Day 3: Overdose response"
    )
