"""The crosswalk picture: labels fit their boxes, links stay out of boxes, text stays readable."""

from __future__ import annotations

import itertools

import pytest

from app.framework.svg import (
    NARROW,
    WIDE,
    crosswalk_svg,
    layout,
    pair_counts,
    pair_links,
    text_width,
    wrap,
)

FRAMEWORKS = ("core", "pcfm", "crisis", "unhoused", "justice", "exam")
PAIRS = [(a, b) for a, b in itertools.permutations(FRAMEWORKS, 2)]


def test_wrap_keeps_every_word_within_the_width():
    text = "Preparation for employment opportunities, including study and test-taking skills"
    lines = wrap(text, 120, 13)
    assert len(lines) > 2
    assert all(text_width(line, 13) <= 120 for line in lines)
    # Lines break at spaces or after a hyphen ("test-" / "taking").
    assert "".join(line if line.endswith("-") else line + " " for line in lines).strip() == text
    assert wrap("6. Trauma-informed care", 100, 13) == ["6. Trauma-", "informed care"]
    # A word longer than a line is split with a hyphen rather than overflowing.
    long = wrap("Supercalifragilisticexpialidocious", 60, 13)
    assert len(long) > 1 and all(text_width(line, 13) <= 60 for line in long)


@pytest.mark.parametrize("geometry", [WIDE, NARROW], ids=["wide", "narrow"])
@pytest.mark.parametrize(("left", "right"), PAIRS)
def test_layout_of_every_pair(catalog, geometry, left, right):
    plan = layout(catalog, left, right, geometry)
    boxes = list(plan.boxes.values())
    assert len(boxes) == len(catalog.framework(left).competencies) + len(
        catalog.framework(right).competencies
    )
    room = geometry.box - 2 * geometry.pad
    for box in boxes:
        # Boxes grow with their wrapped label and their links; every line fits inside.
        ends = sum(box.id in (c.pair.left, c.pair.right) for c in plan.curves)
        assert box.h == max(
            len(box.lines) * geometry.line + 2 * geometry.pad, (ends + 1) * geometry.port
        )
        assert all(text_width(line, geometry.font) <= room for line in box.lines), box.id
        assert box.x >= 0 and box.x + box.w <= geometry.width
    for one, other in itertools.combinations(boxes, 2):
        if one.side == other.side:
            assert one.y + one.h <= other.y or other.y + other.h <= one.y, (one.id, other.id)
    assert len(plan.curves) == len(pair_links(catalog, left, right))
    for curve in plan.curves:
        left_box, right_box = plan.boxes[curve.pair.left], plan.boxes[curve.pair.right]
        # Curves start and end on the facing edges of their two boxes ...
        assert curve.start[0] == left_box.x + left_box.w
        assert left_box.y < curve.start[1] < left_box.y + left_box.h
        assert curve.end[0] == right_box.x
        assert right_box.y < curve.end[1] < right_box.y + right_box.h
        # ... and never pass behind a box on the way.
        for step in range(1, 50):
            x, y = curve.point(step / 50)
            for box in boxes:
                inside = box.x < x < box.x + box.w and box.y < y < box.y + box.h
                assert not inside, (curve.pair.link, box.id)
    for box in boxes:  # links meeting a box arrive at least a port apart
        ports = sorted(
            y
            for c in plan.curves
            for end, (_, y) in ((c.pair.left, c.start), (c.pair.right, c.end))
            if end == box.id
        )
        assert all(b - a >= geometry.port - 1e-9 for a, b in itertools.pairwise(ports))


def test_text_is_readable_at_100_percent():
    # The wide drawing is shown at its own size on desktops; the narrow one fits a 360 px phone
    # (328 px inside the page's margins) without its 13 px text shrinking below 12 px.
    assert WIDE.font >= 14
    assert NARROW.font * min(1, 328 / NARROW.width) >= 12


def test_svg_escapes_and_links_every_box(catalog):
    svg = crosswalk_svg(catalog, "pcfm", "core", NARROW)
    assert svg.count("<a href=") == 5 + 17
    assert "Parent, Caregiver, Family Member" in svg
    assert "&" not in svg.replace("&amp;", "").replace("&#x27;", "").replace("&quot;", "")


def test_pair_counts_list_linked_pairs(catalog):
    counts = {(a, b): n for a, b, n in pair_counts(catalog)}
    assert counts[("core", "justice")] == len(pair_links(catalog, "core", "justice"))
    assert counts[("core", "pcfm")] == 4
    assert ("pcfm", "exam") not in counts
    assert sum(counts.values()) == len(catalog.links)
