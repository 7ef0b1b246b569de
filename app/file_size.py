"""Whether a file's size lets it be read at all: not empty, not over a limit (pure).

One rule for every upload and for the syllabus reader, so both refuse the same files in the same
words.
"""

from __future__ import annotations

from app.messages import Message

MEGABYTE = 1024 * 1024


def size_refusal(data: bytes, max_bytes: int) -> Message | None:
    """Why ``data`` is refused for its size (empty, or over ``max_bytes``); None when it is not."""
    if not data:
        return Message("The file is empty.")
    if len(data) > max_bytes:
        return Message(
            "The file is larger than the limit of %(megabytes)s MB.",
            megabytes=max_bytes // MEGABYTE,
        )
    return None
