"""Functions a lower package needs from a higher one, handed over at start-up.

A package low in the layers (tests/test_imports.py) never imports the packages above it; when it
needs one of their functions, it declares a ``Hooks`` with the names it needs and calls them
through it, and app/wiring.py fills them when the app is created. A name with no default that is
called before it is filled says so instead of failing somewhere deeper.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Hooks:
    """The functions ``owner`` needs of ``giver``, by name; each defaults to ``defaults[name]``,
    or, when that is None, to a function that says it was never connected."""

    def __init__(self, owner: str, giver: str, **defaults: Callable[..., Any] | None) -> None:
        self._owner, self._giver = owner, giver
        self.names = tuple(defaults)
        for name, default in defaults.items():
            setattr(self, name, default if default is not None else self.not_connected(name))

    def not_connected(self, name: str) -> Callable[..., Any]:
        """The stand-in for ``name`` until the giver hands it over."""

        def missing(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError(
                f"{self._giver} has not given the {self._owner} {name}: create_app connects them."
            )

        return missing

    def use(self, **functions: Callable[..., Any]) -> None:
        """Fill the hooks by their names; a name the owner did not declare is refused."""
        unknown = set(functions) - set(self.names)
        if unknown:
            raise TypeError(f"The {self._owner} needs no {sorted(unknown)} of {self._giver}.")
        for name, function in functions.items():
            setattr(self, name, function)
