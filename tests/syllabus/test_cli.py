"""The curriculum command line."""

from __future__ import annotations

import json


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
