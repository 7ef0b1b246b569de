"""The columns every uploaded file's row shares: the generated name it is stored under (outside
the static files), the name it came with, its size and SHA-256, who uploaded it and when."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.dbtypes import UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.uploads import StoredFile


class StoredFileColumns:
    """Mixed into a model of uploaded files; a model may declare one of them again to differ
    (a document staff file on someone's behalf has no uploader who must exist)."""

    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @classmethod
    def from_stored(cls, stored: StoredFile, uploaded_by_id: int | None, **columns: Any) -> Self:
        """The row of a file just stored (``app.uploads.store_upload``), uploaded by
        ``uploaded_by_id``; ``columns``: the model's own (what the file belongs to)."""
        return cls(
            stored_name=stored.stored_name,
            original_name=stored.original_name,
            size=stored.size,
            sha256=stored.sha256,
            uploaded_by_id=uploaded_by_id,
            **columns,
        )
