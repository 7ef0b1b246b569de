"""The storage interface: what uploads, downloads, the sweep and /readyz need of a store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Protocol


class StorageUnavailable(Exception):
    """The store cannot be reached or refused the operation (not a missing object)."""


class ObjectMissing(Exception):
    """No object has this name."""


@dataclass(frozen=True)
class StoredObject:
    """One object as the sweep sees it: its name and when it was last written (UTC)."""

    name: str
    modified: datetime


@dataclass
class OpenedObject:
    """An object opened for reading: a local path (served by the OS) or a stream."""

    size: int
    modified: datetime
    path: Path | None = None
    stream: BinaryIO | None = None
    etag: str | None = None


class Storage(Protocol):
    """Every backend offers these five operations on flat, generated names."""

    def put(self, name: str, data: bytes) -> None:
        """Write ``data`` under ``name`` so that a reader sees all of it or nothing."""

    def open(self, name: str) -> OpenedObject:
        """Open ``name`` for reading; raises ObjectMissing."""

    def delete(self, name: str) -> None:
        """Remove ``name`` if it exists."""

    def list(self) -> Iterator[StoredObject]:
        """Every object, including the temporary ones an interrupted write left."""

    def check(self) -> None:
        """Raise StorageUnavailable unless the store answers (for /readyz)."""
