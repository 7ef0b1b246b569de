"""Two people changing the same thing at once: each on its own server (app), in its own thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest


def at_once(calls: list[Callable[[], Any]], *, meet: tuple[Any, str] | None = None) -> list[Any]:
    """Run ``calls`` in threads at the same moment; with ``meet`` = (module, function name),
    every thread first reaches that function (having read what it read), then all go on."""
    barrier = threading.Barrier(len(calls), timeout=30)
    results: list[Any] = [None] * len(calls)
    if meet is not None:
        module, name = meet
        original = getattr(module, name)

        def synced(*args, **kwargs):
            barrier.wait()
            return original(*args, **kwargs)

        patch = pytest.MonkeyPatch()
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
        if meet is not None:
            patch.undo()
    return results
