"""A byte-bounded, least-recently-used store of rendered pages (plain Python, thread-safe)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass


@dataclass(frozen=True)
class CachedPage:
    body: bytes
    mimetype: str


class PageStore:
    """Pages by key, dropping the least recently used once their bodies pass ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[Hashable, CachedPage] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                self.misses += 1
                return None
            self._pages.move_to_end(key)
            self.hits += 1
            return page

    def put(self, key: Hashable, page: CachedPage) -> None:
        """Keep ``page`` unless it alone is larger than the whole budget."""
        size = len(page.body)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._pages[key] = page
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    @property
    def size(self) -> int:
        """Bytes of page bodies held."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._pages)
