"""The generation counter: one row, bumped by every transaction that changes what pages show."""

from __future__ import annotations

from sqlalchemy import BigInteger, event, text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

GENERATION_ROW = 1


class PageGeneration(db.Model):
    """Row ``GENERATION_ROW`` counts the committed transactions that changed shown data."""

    __tablename__ = "page_generation"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


# A database built from the models (tests, a first start) gets the row with its table, as the
# migration does: the bump is then always an UPDATE, never a racing INSERT.
event.listen(
    PageGeneration.__table__,
    "after_create",
    lambda target, connection, **kw: connection.execute(
        text("INSERT INTO page_generation (id, value) VALUES (:id, 0)"), {"id": GENERATION_ROW}
    ),
)
