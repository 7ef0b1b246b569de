"""No import circles in app/, read from the source: neither between modules nor between the
domain packages (the folders app/X). Every import that runs counts, at module level or inside a
function; only what runs under ``TYPE_CHECKING`` does not."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"

# The domain packages still tangled together: each imports, through some chain, each other one.
# Circles between the packages of app/ may only run inside this set, and it only shrinks (a
# package that leaves the tangle must leave the list). What is left: the registry and CE, which
# read each other's records.
TANGLED_PACKAGES = frozenset(
    {
        "app.ce",
        "app.registry",
    }
)

# The registry reads CE through app/ce/record.py alone; CE still reads the registry's records,
# renewals and sanctions and acts on them (records reviews). These imports are the work left to
# make CE meet the registry through one module too (then the tangle above loses them); the list may
# only shrink.
CE_IMPORTS_OF_REGISTRY_LEFT = frozenset(
    {
        ("app.ce.audits", "app.registry.models"),
        ("app.ce.audits", "app.registry.services"),
        ("app.ce.entries", "app.registry.models"),
        ("app.ce.profiles", "app.registry.models"),
        ("app.ce.profiles", "app.registry.requirements"),
        ("app.ce.rosters", "app.registry.models"),  # a roster row is matched to its record
        ("app.ce.rosters", "app.registry.rules"),
        ("app.ce.services", "app.registry.claims"),
        ("app.ce.views", "app.registry.rules"),
        ("app.ce.views", "app.registry.services"),
    }
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in APP.rglob("*.py")}
PACKAGES = frozenset(f"app.{p.name}" for p in APP.iterdir() if (p / "__init__.py").is_file())


def _runtime_nodes(tree: ast.AST):
    """Every node, function bodies included, except what runs only under TYPE_CHECKING."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            yield from (n for child in node.orelse for n in (child, *_runtime_nodes(child)))
            continue
        yield node
        yield from _runtime_nodes(node)


def _known(name: str) -> str | None:
    """The module of the app that ``import name`` loads last (``app.a.b`` for ``app.a.b.c``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_in(source: str, own: str = "") -> frozenset[str]:
    """The app's modules that ``source`` imports at run time."""
    found = set()
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(_known(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                # "from app import context" imports the module app.context
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else _known(node.module))
    return frozenset(found - {None, own})


@cache
def imports_of(module: str) -> frozenset[str]:
    return imports_in(MODULES[module].read_text(), own=module)


def _package(module: str) -> str | None:
    name = ".".join(module.split(".")[:2])
    return name if name in PACKAGES else None


def module_graph() -> dict[str, frozenset[str]]:
    return {module: imports_of(module) for module in MODULES}


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {package: set() for package in PACKAGES}
    for module, imported in module_graph().items():
        source = _package(module)
        for target in map(_package, imported):
            if source and target and target != source:
                graph[source].add(target)
    return graph


def cycles(graph) -> set[tuple[str, ...]]:
    """Every elementary cycle of ``graph``, each written from its smallest node."""
    found = set()

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in graph.get(node, ()):
            if nxt == start:
                found.add(tuple(path))
            elif nxt > start and nxt not in path:
                walk(start, nxt, [*path, nxt])

    for start in sorted(graph):
        walk(start, start, [start])
    return found


def _describe(found: set[tuple[str, ...]]) -> list[str]:
    return sorted(" -> ".join((*cycle, cycle[0])) for cycle in found)


def test_the_scanner_sees_every_kind_of_import():
    source = (
        "from typing import TYPE_CHECKING\n"
        "import app.policy\n"
        "from app import context\n"
        "from app.auth.models import User\n"
        "if TYPE_CHECKING:\n"
        "    from app.ce import models\n"
        "def late():\n"
        "    from app.errors import DomainError\n"
    )
    assert imports_in(source) == {"app.policy", "app.context", "app.auth.models", "app.errors"}


def test_the_cycle_finder_finds_circles_and_only_circles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {("a", "b", "c")}
    assert cycles({"a": {"b"}, "b": {"a", "c"}, "c": {"b"}}) == {("a", "b"), ("b", "c")}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == set()


def test_no_module_imports_itself_back():
    assert not _describe(cycles(module_graph()))


def test_no_domain_package_outside_the_tangle_imports_itself_back():
    outside = [cycle for cycle in cycles(package_graph()) if not set(cycle) <= TANGLED_PACKAGES]
    assert not _describe(set(outside))


def test_the_tangle_only_shrinks():
    """Every listed package is still in a circle with the others: one that left is unlisted."""
    in_circles = {package for cycle in cycles(package_graph()) for package in cycle}
    assert in_circles == TANGLED_PACKAGES


def _edges(source: str, target: str) -> set[tuple[str, str]]:
    graph = module_graph()
    return {
        (module, imported)
        for module in graph
        if _package(module) == source
        for imported in graph[module]
        if _package(imported) == target
    }


def test_the_registry_reads_ce_through_app_ce_record_alone():
    """app.ce.record is the one module of CE the registry may import."""
    assert {imported for _, imported in _edges("app.registry", "app.ce")} == {"app.ce.record"}


def test_ce_imports_of_the_registry_only_shrink():
    """No new import of the registry from CE: the ones left are to go, not to be added to."""
    added = _edges("app.ce", "app.registry") - CE_IMPORTS_OF_REGISTRY_LEFT
    assert not added, f"CE must not import more of the registry: {sorted(added)}"
    gone = CE_IMPORTS_OF_REGISTRY_LEFT - _edges("app.ce", "app.registry")
    assert not gone, f"remove from CE_IMPORTS_OF_REGISTRY_LEFT: {sorted(gone)}"
