"""The reader stays readable: short functions, no exemption from the complexity checks."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "app" / "syllabus"
# The checker's report, rules and web layer are held to the project's lint like any other code;
# this test covers the modules that read a syllabus.
NOT_THE_READER = {"report.py", "rules.py", "services.py", "cli.py", "views.py", "forms.py"}
MAX_FUNCTION_LINES = 60


def reader_modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.glob("*.py")) if p.name not in NOT_THE_READER]


def test_no_function_of_the_reader_is_longer_than_a_screen():
    long = []
    for path in reader_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.name}:{node.name} ({lines} lines)")
    assert long == []


def test_no_module_of_the_package_is_exempt_from_the_complexity_checks():
    settings = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text())
    lint = settings["tool"]["ruff"]["lint"]
    assert {"C901", "PLR0915"} <= set(lint["select"])
    assert lint["mccabe"]["max-complexity"] <= 15
    exempt = {
        key: codes
        for key, codes in lint.get("per-file-ignores", {}).items()
        if key.startswith("app/") and {"C901", "PLR0915"} & set(codes)
    }
    assert not exempt


def test_the_entry_point_keeps_its_interface():
    from app.syllabus import parser

    for name in ("parse", "Syllabus", "Module", "Part", "DeclaredTotal", "classify"):
        assert hasattr(parser, name), name
    assert "doubts" in parser.Syllabus.__dataclass_fields__
