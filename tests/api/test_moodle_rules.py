"""The Moodle CSV of every framework passes the rules of Moodle's framework import.

The rules are those of Moodle's tool_lpimportcsv importer and core_competency persistents: the
14 columns in order, one framework row, short names and ID numbers of at most 100 characters
(their database columns; longer ones are cut), ID numbers unique in the framework, parents and
cross-references that name rows of the same file (others are dropped without a word), a
description format Moodle knows, a scale with a default and a proficient value, and taxonomy
terms from Moodle's list.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from app.framework.exports import MOODLE_COLUMNS, MOODLE_HEADERS

FRAMEWORKS = ["core", "pcfm", "crisis", "unhoused", "justice", "exam"]
TAXONOMIES = {
    "behaviour",
    "competency",
    "concept",
    "domain",
    "indicator",
    "level",
    "outcome",
    "practice",
    "proficiency",
    "skill",
    "value",
}
DESCRIPTION_FORMATS = {
    "0",
    "1",
    "2",
    "4",
}  # FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN, FORMAT_MARKDOWN
RULE_OUTCOMES = {"", "0", "1", "2", "3"}


def moodle_problems(text: str) -> list[str]:
    """Everything in ``text`` that Moodle's framework import would refuse, cut or drop."""
    problems: list[str] = []
    header, *lines = list(csv.reader(io.StringIO(text)))
    if tuple(header) != MOODLE_HEADERS:
        problems.append(f"header {header} is not Moodle's")
    rows = []
    for number, line in enumerate(lines, start=2):
        if len(line) != len(MOODLE_COLUMNS):
            problems.append(f"line {number}: {len(line)} fields")
            continue
        rows.append((number, dict(zip(MOODLE_COLUMNS, line, strict=True))))
    frameworks = [(n, r) for n, r in rows if r["isframework"] not in ("", "0")]
    if [n for n, _ in frameworks] != [2]:
        problems.append(
            f"framework rows at lines {[n for n, _ in frameworks]}, expected line 2 only"
        )
    ids = [r["idnumber"] for _, r in rows if r["isframework"] in ("", "0")]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        problems.append(f"ID numbers used twice: {sorted(duplicates)}")
    exports = [r["exportid"] for _, r in rows]
    if len(set(exports)) != len(exports):
        problems.append("exported IDs repeat")
    known = set(ids)
    for number, row in rows:
        for column in ("idnumber", "shortname"):
            value = row[column]
            if not value.strip():
                problems.append(f"line {number}: empty {column} (Moodle skips the row)")
            if len(value) > 100:
                problems.append(f"line {number}: {column} of {len(value)} characters")
        if re.search(r"<[^>]*>", row["shortname"]):
            problems.append(f"line {number}: HTML in the short name")
        if row["descriptionformat"] not in DESCRIPTION_FORMATS:
            problems.append(f"line {number}: description format {row['descriptionformat']!r}")
        body = re.sub(r"</?p>", "", row["description"])
        entity = r"&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);)"
        if row["descriptionformat"] == "1" and (
            re.search(r"[<>]", body) or re.search(entity, body)
        ):
            problems.append(f"line {number}: unescaped HTML characters in the description")
        if row["ruleoutcome"] not in RULE_OUTCOMES or row["ruletype"]:
            problems.append(f"line {number}: a completion rule Moodle cannot build")
        if row["isframework"] in ("", "0"):
            if row["parentidnumber"] and row["parentidnumber"] not in known:
                problems.append(f"line {number}: parent {row['parentidnumber']} is not in the file")
            for related in filter(None, row["relatedidnumbers"].split(",")):
                if related not in known:
                    problems.append(f"line {number}: cross-reference {related} is not in the file")
    for number, row in frameworks:
        values = [v for v in row["scalevalues"].split(",") if v.strip()]
        if len(values) < 2:
            problems.append(f"line {number}: a scale needs at least two values")
        try:
            config = json.loads(row["scaleconfiguration"])
        except ValueError:
            problems.append(f"line {number}: scale configuration is not JSON")
            continue
        if not config or "scaleid" not in config[0]:
            problems.append(f"line {number}: scale configuration does not start with the scale id")
        items = config[1:]
        if not any(i.get("scaledefault") for i in items) or not any(
            i.get("proficient") for i in items
        ):
            problems.append(f"line {number}: the scale needs a default and a proficient value")
        if any(not 1 <= i.get("id", 0) <= len(values) for i in items):
            problems.append(f"line {number}: scale configuration names a value the scale lacks")
        terms = [t for t in row["taxonomy"].split(",") if t]
        if not terms or set(terms) - TAXONOMIES:
            problems.append(f"line {number}: taxonomy {row['taxonomy']!r}")
    return problems


@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_every_framework_passes_moodles_import_rules(client, catalog, framework_id):
    text = client.get(f"/api/v1/frameworks/{framework_id}/moodle.csv").get_data(as_text=True)
    assert moodle_problems(text) == []
    rows = {r[1]: r for r in list(csv.reader(io.StringIO(text)))[1:]}
    # Every competency and statement is there, its full wording in the description.
    for competency in catalog.framework(framework_id).competencies:
        shortname, description = rows[competency.id][2], rows[competency.id][3]
        assert f"<p>{html.escape(competency.title)}</p>" in description
        assert shortname == (
            competency.title if len(competency.title) <= 100 else competency.short_name
        )
        for statement in competency.statements:
            assert f"<p>{html.escape(statement.text)}</p>" in rows[statement.id][3]
            assert rows[statement.id][0] == competency.id


def test_the_long_core_titles_get_short_names(client):
    text = client.get("/api/v1/frameworks/core/moodle.csv").get_data(as_text=True)
    rows = {r[1]: r for r in list(csv.reader(io.StringIO(text)))[1:]}
    assert rows["core-4"][2] == "Psychiatric rehab and addiction recovery"
    assert rows["core-12"][2] == "Employment preparation"
    long = [r for r in rows.values() if r[2].endswith("…")]
    assert long and all(len(r[2]) <= 100 and " " in r[2] for r in long)


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda rows: rows[2].__setitem__(2, "x" * 118), "shortname of 118 characters"),
        (lambda rows: rows[3].__setitem__(1, rows[2][1]), "ID numbers used twice"),
        (lambda rows: rows[0].__setitem__(13, "competency,family"), "taxonomy"),
        (
            lambda rows: rows[2].__setitem__(10, "core-1"),
            "cross-reference core-1 is not in the file",
        ),
        (lambda rows: rows[3].__setitem__(0, "nowhere"), "parent nowhere is not in the file"),
        (lambda rows: rows[2].__setitem__(3, "<p>A & B</p>"), "unescaped HTML characters"),
    ],
)
def test_the_rules_catch_what_moodle_refuses(client, damage, problem):
    text = client.get("/api/v1/frameworks/pcfm/moodle.csv").get_data(as_text=True)
    header, *rows = list(csv.reader(io.StringIO(text)))
    damage(rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    assert any(problem in found for found in moodle_problems(buffer.getvalue()))
