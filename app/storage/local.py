"""Files in a local directory: written to a temporary file, synced, then renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from app.storage.base import ObjectMissing, OpenedObject, StorageUnavailable, StoredObject

TEMP_PREFIX = ".upload-"


class LocalStorage:
    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    def path(self, name: str) -> Path:
        return self.directory / name

    def put(self, name: str, data: bytes) -> None:
        # A temporary file in the same folder, then a rename: no half-written file is ever seen
        # under its name. An OSError (a full disk) propagates after the temporary file is gone.
        temp_path = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temp_path = tempfile.mkstemp(dir=self.directory, prefix=TEMP_PREFIX)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp_path, self.path(name))
        except BaseException:
            if temp_path is not None:
                Path(temp_path).unlink(missing_ok=True)
            raise

    def open(self, name: str) -> OpenedObject:
        path = self.path(name)
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise ObjectMissing(name) from None
        if not path.is_file():
            raise ObjectMissing(name)
        return OpenedObject(
            size=stat.st_size, modified=datetime.fromtimestamp(stat.st_mtime, UTC), path=path
        )

    def delete(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)

    def list(self) -> Iterator[StoredObject]:
        if not self.directory.is_dir():
            return
        for path in sorted(self.directory.iterdir()):
            if path.is_file():
                yield StoredObject(path.name, datetime.fromtimestamp(path.stat().st_mtime, UTC))

    def check(self) -> None:
        # The folder and any missing folders above it are made as the first upload would make
        # them (a fresh installation is ready); a folder that cannot be made is unavailable.
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageUnavailable(
                f"{self.directory} cannot be created: {error.strerror}"
            ) from None
        if not (self.directory.is_dir() and os.access(self.directory, os.W_OK | os.X_OK)):
            raise StorageUnavailable(f"{self.directory} is not a writable directory")
