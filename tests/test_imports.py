"""No import circles in app/, read from the source: neither between modules nor between the
domain packages (the folders app/X). Every import that runs counts, at module level or inside a
function; only what runs under ``TYPE_CHECKING`` does not."""

from __future__ import annotations

import ast
from functools import cache

from tests.app_source import APP, MODULES, runtime_nodes

# The domain packages still tangled together: each imports, through some chain, each other one.
# Circles between the packages of app/ may only run inside this set, and it only shrinks (a
# package that leaves the tangle must leave the list). None is left: the domains are layered
# (LAYERS below).
TANGLED_PACKAGES: frozenset[str] = frozenset()

# The domain packages that call each other's services, bottom to top: a package imports only
# packages below it. Lower packages reach higher ones through hooks the higher ones fill at
# start-up (app/wiring.py): the registry gets CE's functions through app.registry.hooks, the
# dashboards of CE and submissions the standing sanctions through app.sanctions; the reviewers'
# emails of new work (app.alerts) sit below them all, and only the home page (app.main) imports
# the inbox.
LAYERS = (
    "app.alerts",
    "app.submissions",
    "app.providers",
    "app.reports",
    "app.registry",
    "app.ce",
    "app.complaints",
    "app.inbox",
)

# CE reads the registry through app/registry/interface.py alone (plain values, and the few
# registry services CE calls); the registry imports nothing of CE. No import of the registry from
# CE is left to remove; the list stays empty.
CE_IMPORTS_OF_REGISTRY_LEFT: frozenset[tuple[str, str]] = frozenset()


PACKAGES = frozenset(f"app.{p.name}" for p in APP.iterdir() if (p / "__init__.py").is_file())


def _known(name: str) -> str | None:
    """The module of the app that ``import name`` loads last (``app.a.b`` for ``app.a.b.c``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_in(source: str, own: str = "") -> frozenset[str]:
    """The app's modules that ``source`` imports at run time."""
    found = set()
    for node in runtime_nodes(ast.parse(source)):
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


def test_the_registry_imports_nothing_of_ce():
    """What the registry needs of CE reaches it through app.registry.hooks, filled at start-up."""
    assert not _edges("app.registry", "app.ce")


def test_ce_reads_the_registry_through_its_interface_alone():
    """app.registry.interface is the one module of the registry CE may import."""
    assert {imported for _, imported in _edges("app.ce", "app.registry")} == {
        "app.registry.interface"
    }


def test_ce_imports_of_the_registry_only_shrink():
    """No new import of the registry from CE: the ones left are to go, not to be added to."""
    interface = {(m, "app.registry.interface") for m in MODULES if _package(m) == "app.ce"}
    added = _edges("app.ce", "app.registry") - CE_IMPORTS_OF_REGISTRY_LEFT - interface
    assert not added, f"CE must not import more of the registry: {sorted(added)}"
    gone = CE_IMPORTS_OF_REGISTRY_LEFT - _edges("app.ce", "app.registry")
    assert not gone, f"remove from CE_IMPORTS_OF_REGISTRY_LEFT: {sorted(gone)}"


def test_the_domain_packages_import_only_downwards():
    graph = package_graph()
    upward = sorted(
        f"{source} -> {target}"
        for low, source in enumerate(LAYERS)
        for target in graph[source]
        if target in LAYERS[low + 1 :]
    )
    assert not upward, f"a package imports one above it: {upward}"


def test_only_the_home_page_imports_the_inbox():
    graph = package_graph()
    assert sorted(p for p, imported in graph.items() if "app.inbox" in imported) == ["app.main"]
