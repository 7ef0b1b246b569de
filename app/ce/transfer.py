"""A peer's CE record as CSV: exported, and imported with every line checked before any is saved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.ce.csvio import Reading, entry_key, layout_error, read_record, write_csv
from app.ce.entries import save_entry
from app.ce.models import PeerProfile
from app.ce.profiles import as_rule_entry
from app.ce.spreadsheet import TopicIndex
from app.messages import Message
from app.tabular import read_as_csv

MAX_IMPORT_BYTES = 2 * 1024 * 1024


def export_csv(profile: PeerProfile, header: Sequence[str] | None = None) -> str:
    """The record in the exchange format; ``header`` names its columns in the reader's language."""
    return write_csv([as_rule_entry(r) for r in profile.entries], header)


@dataclass
class ImportOutcome:
    """What an import did: entries added, lines already recorded, or why nothing was stored."""

    reading: Reading
    imported: int = 0
    already: list[str] = field(default_factory=list)
    # Rows marked withdrawn (an export of an entry whose report fell): kept out, since the mark
    # is the program's decision and the entry, imported, would count again.
    withdrawn: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def stored(self) -> bool:
        return not self.errors and self.reading.ready


def import_text(
    session: Session,
    profile: PeerProfile,
    text: str,
    *,
    topics: TopicIndex | None = None,
    confirmed: bool = False,
    answers: dict[str, str] | None = None,
) -> ImportOutcome:
    """Import every row, or none when any row is invalid, the layout is not confirmed or a value
    is still asked for; rows already recorded are skipped and reported (a re-import adds nothing),
    and so are rows marked withdrawn (never imported, so a withdrawal cannot be undone by a file)."""
    if len(text.encode()) > MAX_IMPORT_BYTES:
        reading = Reading()
        return ImportOutcome(
            reading,
            errors=[
                Message(
                    "The file is larger than %(size)s MB.", size=MAX_IMPORT_BYTES // (1024 * 1024)
                )
            ],
        )
    reading = read_record(text, topics=topics, confirmed=confirmed, answers=answers)
    outcome = ImportOutcome(reading, errors=[e.for_people() for e in reading.errors])
    if not outcome.stored:
        return outcome
    recorded = {entry_key(as_rule_entry(r)) for r in profile.entries}
    for entry in reading.entries:
        if entry.withdrawn is not None:
            outcome.withdrawn.append(f"line {entry.line}: “{entry.title}” is marked withdrawn")
            continue
        key = entry_key(entry)
        if key in recorded:
            outcome.already.append(f"line {entry.line}: “{entry.title}” is already recorded")
            continue
        save_entry(session, profile, None, entry)
        recorded.add(key)
        outcome.imported += 1
    return outcome


def import_csv(
    session: Session,
    profile: PeerProfile,
    text: str,
    *,
    known_topics: frozenset[str] | None = None,
) -> tuple[int, list[str]]:
    """Import a record in the exchange format; returns (imported, errors)."""
    topics = TopicIndex.from_ids(known_topics) if known_topics is not None else None
    outcome = import_text(session, profile, text, topics=topics)
    errors = outcome.errors or (
        [str(layout_error(outcome.reading.layout))] if outcome.reading.needs_confirmation else []
    )
    return outcome.imported, errors


def decode_upload(upload: tuple[bytes, str] | None) -> tuple[str | None, str]:
    """The text of an uploaded CSV (UTF-8 or Windows-1252) or .xlsx workbook (as CSV), at most
    2 MB, or None and why not."""
    if upload is None:
        return None, "Choose a CSV file or an .xlsx workbook."
    return read_as_csv(upload[0], upload[1], max_bytes=MAX_IMPORT_BYTES)
