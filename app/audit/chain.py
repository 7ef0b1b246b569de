"""The audit log's hash chain (pure): each record carries the hash of the one before it.

``hash = sha256(prev_hash + canonical JSON of the record's fields and position)``. Changing,
inserting or deleting any record breaks every link after it; the chain head (kept in its own
row) also catches records cut from the end.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64
FIELDS = (
    "seq",
    "at",
    "actor_id",
    "subject_type",
    "subject_id",
    "action",
    "from_state",
    "to_state",
    "reason",
    "details",
)


def canonical(fields: dict[str, Any]) -> bytes:
    """The fields as bytes that do not depend on dict order or the database's types."""
    values = {}
    for name in FIELDS:
        value = fields.get(name)
        if isinstance(value, datetime):
            value = value.isoformat(timespec="microseconds")
        values[name] = value
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(fields)).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first broken link: the record (its id and position) and what is wrong."""

    record_id: int | None
    seq: int
    reason: str


def first_break(
    records: Iterable[dict[str, Any]], *, head_seq: int, head_hash: str
) -> tuple[Break | None, int]:
    """Walk ``records`` (dicts with ``id``, ``prev_hash``, ``hash`` and FIELDS, by ``seq``);
    return the first break (or None) and how many records were checked."""
    expected_prev, expected_seq, count = GENESIS, 1, 0
    for record in records:
        count += 1
        if record["seq"] != expected_seq:
            return Break(
                record["id"],
                record["seq"],
                f"position {expected_seq} is missing (a record was deleted or inserted)",
            ), count
        if record["prev_hash"] != expected_prev:
            return Break(
                record["id"], record["seq"], "it does not point to the record before it"
            ), count
        if link_hash(expected_prev, record) != record["hash"]:
            return Break(
                record["id"], record["seq"], "its content changed after it was written"
            ), count
        expected_prev, expected_seq = record["hash"], expected_seq + 1
    if head_seq != expected_seq - 1 or head_hash != expected_prev:
        return Break(
            None,
            expected_seq,
            f"the log ends at position {expected_seq - 1} but {head_seq} records were written "
            "(records were deleted from the end)",
        ), count
    return None, count
