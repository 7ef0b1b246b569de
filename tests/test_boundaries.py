"""Package boundaries, read from the source: pure cores import neither Flask nor the database,
the framework and syllabus packages know nothing of submissions or CE, and the shared
notifications and audit packages know no domain."""

from __future__ import annotations

import ast
from functools import cache

import pytest

from tests.app_source import APP, MODULES, runtime_nodes

# One list of the pure cores, which scripts/check.sh also reads for its coverage floors.
PURE_CORES_FILE = APP.parent / "scripts" / "pure-cores.txt"
PURE_CORES = tuple(
    line.split()[0].removesuffix(".py").replace("/", ".")
    for line in PURE_CORES_FILE.read_text().splitlines()
    if line.strip() and not line.startswith("#")
)
WEB_OR_DATABASE = (
    "flask",
    "flask_sqlalchemy",
    "flask_login",
    "flask_wtf",
    "wtforms",
    "werkzeug",
    "sqlalchemy",
)
DOMAINS = ("auth", "framework", "syllabus", "submissions", "ce", "settings")


@cache
def imports_of(module: str) -> frozenset[str]:
    """Every module ``module`` imports at run time, anywhere in its source."""
    found = set()
    for node in runtime_nodes(ast.parse(MODULES[module].read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # "from app import context" imports the module app.context
            found.update(
                f"{node.module}.{a.name}"
                for a in node.names
                if f"{node.module}.{a.name}" in MODULES
            )
    return frozenset(found)


def closure(module: str) -> set[str]:
    """``module`` and every module of the app it imports, directly or not."""
    seen, todo = set(), [module]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(m for m in imports_of(current) if m in MODULES)
    return seen


def _outside(name: str, prefixes: tuple[str, ...]) -> bool:
    return not any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_scanner_sees_imports():
    assert "flask" in imports_of("app.context")
    assert "app.context" in imports_of("app.ce.views")  # from app import context
    assert "app.settings.services" in closure("app.ce.views")
    assert "app.auth.models" not in imports_of("app.audit.models")  # only under TYPE_CHECKING
    assert "app.auth.models" in imports_of("app.auth.services")


def test_the_list_of_pure_cores_names_modules_that_exist_each_in_a_coverage_group():
    entries = [
        line.split()
        for line in PURE_CORES_FILE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert all(len(e) == 2 and e[1] in ("core", "syllabus", "edge") for e in entries), entries
    missing = [path for path, _ in entries if not (APP.parent / path).is_file()]
    assert not missing, f"scripts/pure-cores.txt names modules that are gone: {missing}"
    assert len(set(PURE_CORES)) == len(PURE_CORES) and set(PURE_CORES) <= set(MODULES)


def _has_code(module: str) -> bool:
    """False for a module that holds nothing but its docstring (a package's __init__)."""
    body = ast.parse(MODULES[module].read_text()).body
    return any(not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)) for n in body)


def _is_pure(module: str) -> bool:
    return not any(
        not _outside(name, WEB_OR_DATABASE) or name in ("app.extensions", "app.context")
        for imported in closure(module)
        for name in imports_of(imported)
    )


def test_the_scanner_tells_pure_modules_from_the_others():
    assert _is_pure("app.policy") and _is_pure("app.ce.rules")
    assert not _is_pure("app.ce.services") and not _is_pure("app.context")
    assert not _has_code("app.ce") and _has_code("app.policy")


def test_every_pure_module_is_in_the_list_of_pure_cores():
    """A module that imports neither Flask nor the database, directly or through the app's
    modules, is listed, so it stays pure and is counted in its coverage group."""
    unlisted = sorted(m for m in MODULES if m not in PURE_CORES and _has_code(m) and _is_pure(m))
    assert not unlisted, f"pure modules missing from scripts/pure-cores.txt: {unlisted}"


@pytest.mark.parametrize("core", PURE_CORES)
def test_pure_cores_import_neither_flask_nor_the_database(core):
    offenders = {
        f"{module} imports {name}"
        for module in closure(core)
        for name in imports_of(module)
        if not _outside(name, WEB_OR_DATABASE) or name in ("app.extensions", "app.context")
    }
    assert not offenders, sorted(offenders)


@pytest.mark.parametrize("package", ["framework", "syllabus"])
def test_framework_and_syllabus_import_nothing_from_submissions_or_ce(package):
    offenders = {
        f"{module} imports {name}"
        for module in MODULES
        if module.startswith(f"app.{package}.")
        for name in imports_of(module)
        if not _outside(name, ("app.submissions", "app.ce"))
    }
    assert not offenders, sorted(offenders)


@pytest.mark.parametrize("package", ["notifications", "audit"])
def test_shared_packages_import_no_domain(package):
    domains = tuple(f"app.{d}" for d in DOMAINS)
    offenders = {
        f"{module} imports {name}"
        for module in closure(f"app.{package}")
        | {m for m in MODULES if m.startswith(f"app.{package}.")}
        if module.startswith(f"app.{package}")
        for name in imports_of(module)
        if not _outside(name, domains)
    }
    assert not offenders, sorted(offenders)


def _appeals_imports(module: str) -> set[str]:
    """The modules of app.appeals, app.submissions or app.complaints that ``module`` imports."""
    return {
        name
        for name in imports_of(module)
        if not _outside(name, ("app.appeals", "app.submissions", "app.complaints"))
    }


def test_appeals_sit_below_curricula_and_complaints():
    """app.appeals imports neither domain, even indirectly; curricula and complaints meet only
    in app.appeals for their appeals, never in each other's appeal modules or models."""
    package = {m for m in MODULES if m == "app.appeals" or m.startswith("app.appeals.")}
    assert {"app.appeals.clock", "app.appeals.models", "app.appeals.services"} <= package
    reached, todo = set(), sorted(package)
    while todo:  # what app.appeals reaches; the app factory ("app") registers every package
        current = todo.pop()
        if current not in reached:
            reached.add(current)
            todo.extend(m for m in imports_of(current) if m in MODULES and m != "app")
    upward = {
        f"{module} imports {name}"
        for module in reached
        for name in imports_of(module)
        if not _outside(name, ("app.submissions", "app.complaints"))
    }
    assert not upward, sorted(upward)
    across = {
        f"{module} imports {name}"
        for domain, other in (("submissions", "complaints"), ("complaints", "submissions"))
        for module in MODULES
        if module.startswith(f"app.{domain}.")
        and ("appeal" in module or module.endswith(".models"))
        for name in _appeals_imports(module)
        if not _outside(name, (f"app.{other}",))
    }
    assert not across, sorted(across)
    users = {
        module
        for module in MODULES
        if any(name.startswith("app.appeals") for name in imports_of(module))
    }
    assert any(m.startswith("app.submissions.") for m in users)
    assert any(m.startswith("app.complaints.") for m in users)


def test_the_appeal_boundary_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The check above fails when an appeals module reaches up into a domain."""
    fake = tmp_path / "leak.py"
    fake.write_text("from app.submissions.models import Curriculum\n")
    monkeypatch.setitem(MODULES, "app.appeals.leak", fake)
    imports_of.cache_clear()
    try:
        with pytest.raises(AssertionError, match=r"app\.appeals\.leak imports app\.submissions"):
            test_appeals_sit_below_curricula_and_complaints()
    finally:
        imports_of.cache_clear()
