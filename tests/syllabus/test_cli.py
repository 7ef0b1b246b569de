"""The curriculum command line."""

from __future__ import annotations

import json

from tests.syllabus.test_views import RESTATED


def test_check_json_passing(runner, curricula):
    result = runner.invoke(
        args=["curriculum", "check", str(curricula / "core_80_hour_passing.md"), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["passed"] is True and data["total_hours"] == 80 and data["required_hours"] == 80


def test_check_failing_text_report(runner, curricula):
    result = runner.invoke(
        args=["curriculum", "check", str(curricula / "core_incomplete_short.md")]
    )
    assert result.exit_code == 1
    assert "NOT PASSED" in result.output and "COMPETENCY_MISSING [§202.1.G]" in result.output


def test_check_program_option_overrides(runner, curricula):
    result = runner.invoke(
        args=[
            "curriculum",
            "check",
            str(curricula / "refresher_40_hours.md"),
            "--program",
            "core",
            "--json",
        ]
    )
    assert result.exit_code == 1
    assert json.loads(result.output)["program"] == "core"


def test_unreadable_file_exits_2(runner, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    result = runner.invoke(args=["curriculum", "check", str(broken), "--json"])
    assert result.exit_code == 2
    assert "not a PDF" in json.loads(result.output)["error"]
    assert runner.invoke(args=["curriculum", "check", str(tmp_path / "missing.md")]).exit_code == 2


def test_input_nested_too_deeply_exits_2_not_1(runner, tmp_path, monkeypatch):
    from app.syllabus import services

    def too_deep(*args, **kwargs):
        raise RecursionError

    path = tmp_path / "deep.md"
    path.write_text("".join("  " * i + "1. x\n" for i in range(2000)))
    monkeypatch.setattr(services, "parse", too_deep)
    result = runner.invoke(args=["curriculum", "check", str(path)])
    assert result.exit_code == 2 and "nested too deeply" in result.output


def test_a_list_nested_2000_deep_is_checked(runner, tmp_path):
    path = tmp_path / "deep.md"
    path.write_text("".join("  " * i + "1. x\n" for i in range(2000)))
    result = runner.invoke(args=["curriculum", "check", str(path), "--program", "core"])
    assert result.exit_code == 1 and "NOT PASSED" in result.output  # a report, not a crash


def test_check_all_summary(runner, curricula):
    result = runner.invoke(args=["curriculum", "check-all", str(curricula)])
    assert result.exit_code == 1  # some samples fail on purpose
    assert "core_80_hour_passing.md" in result.output and "PASS" in result.output
    assert "of 11 passed" in result.output


def test_reading_round_trip(runner, tmp_path):
    syllabus = tmp_path / "refresher.md"
    syllabus.write_text(RESTATED, encoding="utf-8")
    first = runner.invoke(args=["curriculum", "check", str(syllabus), "--json"])
    assert first.exit_code == 1, first.output
    printed = json.loads(first.output)
    assert printed["verdict"] == "needs confirmation" and printed["passed"] is False
    reading = printed["reading"]
    assert [d["kind"] for d in reading["doubts"] if d["open"]] == ["restated_table"]
    table = reading["doubts"][0]["line"]
    for session in reading["sessions"]:
        session["counted"] = session["line"] < table
    edited = tmp_path / "reading.json"
    edited.write_text(json.dumps(printed), encoding="utf-8")
    second = runner.invoke(
        args=["curriculum", "check", str(syllabus), "--reading", str(edited), "--json"]
    )
    assert second.exit_code == 1
    data = json.loads(second.output)
    assert data["verdict"] == "fail" and data["total_hours"] == 20
    assert len(data["reading"]["corrections"]) == 4
    # The corrected reading as printed, given back, gives the same verdict.
    edited.write_text(json.dumps(data["reading"]), encoding="utf-8")
    third = runner.invoke(args=["curriculum", "check", str(syllabus), "--reading", str(edited)])
    assert third.exit_code == 1 and "Verdict: NOT PASSED" in third.output
    assert "Corrections applied (4)" in third.output
    confirm = tmp_path / "confirm.json"
    confirm.write_text(json.dumps([{"line": table, "field": "confirm", "value": True}]))
    fourth = runner.invoke(args=["curriculum", "check", str(syllabus), "--reading", str(confirm)])
    assert fourth.exit_code == 0 and "Verdict: PASSED" in fourth.output


def test_needs_confirmation_is_shown_and_exits_1(runner, tmp_path):
    syllabus = tmp_path / "refresher.md"
    syllabus.write_text(RESTATED, encoding="utf-8")
    result = runner.invoke(args=["curriculum", "check", str(syllabus)])
    assert result.exit_code == 1
    assert "Verdict: NOT DECIDED: needs your confirmation" in result.output
    assert "NEEDS_CONFIRMATION [§209.2.A]" in result.output


def test_an_unusable_reading_exits_2(runner, tmp_path):
    syllabus = tmp_path / "refresher.md"
    syllabus.write_text(RESTATED, encoding="utf-8")
    bad = tmp_path / "bad.json"
    for content, words in (
        ("{not json", "is not JSON"),
        ('[{"line": 3, "field": "hours", "value": 2}]', "Correction 1 (line 3, hours)"),
        ('[{"line": 3, "field": "colour"}]', "unknown field 'colour'"),
    ):
        bad.write_text(content, encoding="utf-8")
        result = runner.invoke(args=["curriculum", "check", str(syllabus), "--reading", str(bad)])
        assert result.exit_code == 2 and words in result.output, result.output
    missing = runner.invoke(
        args=["curriculum", "check", str(syllabus), "--reading", str(tmp_path / "none.json")]
    )
    assert missing.exit_code == 2 and "Cannot open" in missing.output
