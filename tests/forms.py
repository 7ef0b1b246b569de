"""Sending forms through the Flask test client."""

from __future__ import annotations

import io


def post_file(client, url: str, content: bytes, filename: str, *, field: str = "file", **kwargs):
    """POST ``content`` as the file ``filename`` in the form field ``field`` (multipart)."""
    return client.post(
        url,
        data={field: (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
        **kwargs,
    )
