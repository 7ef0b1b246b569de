"""The file a request posted, read for the views and for ``app.errors.attach_posted_file``.

It lives apart from ``app.context`` so that the error helpers, which ``app.context`` uses, do
not have to import it back."""

from __future__ import annotations

from flask import request


def uploaded(field: str, max_bytes: int) -> tuple[bytes, str] | None:
    """The request's file in ``field`` as (at most ``max_bytes`` + 1 bytes, name); None if none chosen.

    One byte more than the limit is read, so the services can tell that a file is too large.
    """
    upload = request.files.get(field)
    if not upload or not upload.filename:
        return None
    return upload.read(max_bytes + 1), upload.filename
