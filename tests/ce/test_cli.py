"""`flask ce check` on a CSV record."""

from __future__ import annotations

import json

from app.ce.csvio import COLUMNS

ROWS = [
    "Law and ethics,Golden State,2026-01-10,,online_live,6,,calmhsa_ce_provider,yes,le-3;le-13,cert1.pdf",
    "Law and ethics,Golden State,2026-02-10,,online_live,6,,calmhsa_ce_provider,yes,le-3,cert2.pdf",
    "Psychology 101,City College,2025-09-01,2025-12-15,in_person,,3,accredited_school,no,,transcript.pdf",
    "Webinar,Someone,2026-03-01,,asynchronous,4,,other,no,,",
]


def _write(tmp_path, rows):
    path = tmp_path / "record.csv"
    path.write_text(",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n")
    return path


def test_check_json(runner, tmp_path):
    result = runner.invoke(
        args=[
            "ce",
            "check",
            str(_write(tmp_path, ROWS)),
            "--issued",
            "2025-03-01",
            "--today",
            "2026-12-15",
            "--json",
        ]
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["period"] == {"start": "2025-03-01", "end": "2027-02-28"}
    assert (data["total_hours"], data["law_ethics_hours"]) == (18, 6)
    assert data["renewal_window"] == {"opens": "2026-12-01", "closes": "2027-03-01"}
    assert [e["counted"] for e in data["entries"]] == [True, True, False, False]
    assert {"severity", "code", "citation", "message", "line"} <= set(data["findings"][0])


def test_compliant_exit_0_and_bad_input_exit_2(runner, tmp_path):
    rows = [
        *ROWS,
        "Trauma care,County BH,2026-04-01,,in_person,2,,county_behavioral_health,no,,cert3.pdf",
    ]
    assert (
        runner.invoke(
            args=[
                "ce",
                "check",
                str(_write(tmp_path, rows)),
                "--issued",
                "2025-03-01",
                "--today",
                "2026-12-15",
            ]
        ).exit_code
        == 0
    )
    bad = runner.invoke(
        args=[
            "ce",
            "check",
            str(_write(tmp_path, ["x,y,notadate,,in_person,1,,other,no,,"])),
            "--issued",
            "2025-03-01",
        ]
    )
    assert bad.exit_code == 2 and "start_date" in bad.output
    assert (
        runner.invoke(
            args=["ce", "check", str(tmp_path / "none.csv"), "--issued", "2025-03-01"]
        ).exit_code
        == 2
    )


def test_text_report_keeps_the_line_of_a_repeated_course(runner, tmp_path):
    result = runner.invoke(
        args=["ce", "check", str(_write(tmp_path, ROWS)), "--issued", "2025-03-01"]
    )
    assert result.exit_code == 1, result.output
    repeated = result.output.split("  line 3: ")[1].split("\n  line")[0]
    assert "NOT counted" in repeated and "“Law and ethics” completed on 2026-01-10" in repeated
    assert "(compare line 2)" in repeated


CORPUS = __import__("pathlib").Path(__file__).parent / "corpus" / "dev"


def _check(runner, name, *extra):
    return runner.invoke(
        args=[
            "ce",
            "check",
            str(CORPUS / name),
            "--issued",
            "2024-06-01",
            "--today",
            "2025-12-01",
            "--json",
            *extra,
        ]
    )


def test_check_reads_names_us_dates_and_yes_like_the_exchange_format(runner):
    native, spelled = _check(runner, "native_iso.csv"), _check(runner, "us_dates_topic_names.csv")
    assert native.exit_code == spelled.exit_code == 1, spelled.output
    a, b = json.loads(native.output), json.loads(spelled.output)
    assert (a["total_hours"], a["law_ethics_hours"]) == (b["total_hours"], b["law_ethics_hours"])
    assert (b["total_hours"], b["law_ethics_hours"]) == (19.5, 7.5)


def test_check_shows_another_layout_and_reads_it_when_confirmed(runner):
    shown = _check(runner, "course_name_layout.csv")
    assert shown.exit_code == 2
    message = json.loads(shown.output)["errors"][0]
    assert "'Completion Date' as end_date" in message and "--confirm-columns" in message
    asked = _check(runner, "course_name_layout.csv", "--confirm-columns")
    assert asked.exit_code == 2 and "--source" in asked.output
    read = _check(
        runner, "course_name_layout.csv", "--confirm-columns", "--source", "calmhsa_ce_provider"
    )
    assert read.exit_code == 1 and json.loads(read.output)["total_hours"] == 16.5
    refused = _check(runner, "day_first_dates.csv")
    assert refused.exit_code == 2 and "line 2, start_date" in refused.output


def test_check_counts_a_sanction_and_reciprocity_has_its_look_back(runner):
    met = _check(runner, "native_iso.csv", "--sanction", "LE6:2025-01-01")
    data = json.loads(met.output)
    assert data["sanctions"][0]["met"] and data["sanctions"][0]["citation"].startswith("App. F")
    short = _check(runner, "native_iso.csv", "--sanction", "CE20:2025-04-01")
    assert short.exit_code == 1 and not json.loads(short.output)["sanctions"][0]["met"]
    assert _check(runner, "native_iso.csv", "--sanction", "NOPE:2025-01-01").exit_code == 2
    result = runner.invoke(
        args=["ce", "reciprocity", str(CORPUS / "native_iso.csv"), "--applied", "2026-01-01"]
    )
    assert result.exit_code == 1 and json.loads(result.output)["total_hours"] == 19.5
