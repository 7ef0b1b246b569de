"""A file written through ``os.fdopen`` that fails as a test needs: uploads under faults.

Used in the test process and in the child processes that tests/core/test_upload_faults.py kills,
so it imports nothing of the app.
"""

from __future__ import annotations

import os

# Taken at import, before a test replaces os.fdopen with a subclass below.
_REAL_FDOPEN = os.fdopen


class FaultyFile:
    """Stands in for ``os.fdopen(handle, mode)``: the real file is ``self.file``, and a subclass's
    ``write`` brings the fault (a full disk, a process stopped mid-write)."""

    def __init__(self, handle, mode):
        self.file = _REAL_FDOPEN(handle, mode)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()

    def fileno(self):
        return self.file.fileno()

    def write(self, data):
        raise NotImplementedError("a FaultyFile's subclass says how writing fails")
