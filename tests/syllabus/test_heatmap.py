"""The coverage heatmap names its columns: competency number and short name, full title on hover."""

from __future__ import annotations

import re

from app.syllabus.services import check_syllabus
from app.syllabus.views import heatmap


def test_columns_carry_number_and_short_name(app, catalog, curricula):
    report = check_syllabus((curricula / "core_incomplete_short.md").read_text(), catalog=catalog)
    with app.test_request_context():
        columns, rows = heatmap(report, catalog)
    assert [c["id"] for c in columns] == [f"core-{n}" for n in range(1, 18)]
    by_id = {c["id"]: c for c in columns}
    assert by_id["core-12"]["name"] == "Employment preparation"
    assert by_id["core-12"]["title"].startswith(
        "Preparation for employment opportunities, including"
    )
    assert by_id["core-6"]["name"] == "Trauma-informed care" and by_id["core-6"]["number"] == 6
    assert rows and all(len(r["cells"]) == 17 for r in rows)


def test_report_page_shows_names_not_bare_numbers(client, curricula):
    page = client.post(
        "/check", data={"program": "", "text": (curricula / "core_incomplete_short.md").read_text()}
    ).get_data(as_text=True)
    start = page.index('<table class="heatmap">')
    head = page[start : page.index("</thead>", start)]
    headings = re.findall(r'<th scope="col" class="competency-col"[^>]*><span>([^<]+)</span>', head)
    assert len(headings) == 17
    assert headings[3] == "4. Psychiatric rehab and addiction recovery"
    assert headings[16] == "17. Digital literacy"
