"""What is built once per catalog and kept for the process (a name index, a suggester); pure."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.framework.models import Catalog

Built = TypeVar("Built")


def once_per_catalog(build: Callable[[Catalog], Built]) -> Callable[[Catalog], Built]:
    """``build`` that runs once for each catalog; later calls with that catalog get the same
    result. A catalog is known by its identity (it holds dicts, so it does not hash); the catalog
    is kept with its result so that a new one at a reused address is built afresh."""
    built: dict[int, tuple[Catalog, Built]] = {}

    def for_catalog(catalog: Catalog) -> Built:
        cached = built.get(id(catalog))
        if cached is None or cached[0] is not catalog:
            cached = (catalog, build(catalog))
            built[id(catalog)] = cached
        return cached[1]

    return for_catalog
