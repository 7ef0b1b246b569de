"""Two people changing the same thing at once: each on its own server (app), in its own thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest


def at_once(
    calls: list[Callable[[], Any]], *, meet: tuple | list[tuple] | None = None
) -> list[Any]:
    """Run ``calls`` in threads at the same moment. With ``meet`` = (module, function name), or a
    list of them, every thread first reaches one of those service functions (having read what its
    request read), waits there for the others, then all go on: the race is lost every time."""
    barrier = threading.Barrier(len(calls), timeout=30)
    results: list[Any] = [None] * len(calls)
    reached: list[str] = []
    patch = pytest.MonkeyPatch()
    meets = [meet] if isinstance(meet, tuple) else meet or []
    for module, name in meets:
        original = getattr(module, name)

        def synced(*args, _original=original, _name=name, **kwargs):
            reached.append(_name)
            barrier.wait()
            return _original(*args, **kwargs)

        patch.setattr(module, name, synced)

    def run(index: int) -> None:
        try:
            if meet is None:
                barrier.wait()
            results[index] = calls[index]()
        except BaseException as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        patch.undo()
    # A meeting point the requests never reach (the view calls the function through another
    # module) would let them run one after the other by chance: the race would not be a race.
    assert not meets or len(reached) == len(calls), (
        f"only {reached} of the meeting points {[name for _m, name in meets]} were reached"
    )
    return results
