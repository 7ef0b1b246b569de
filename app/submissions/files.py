"""Files of a curriculum: uploaded syllabi read and checked, supporting files attached."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.auth.models import User
from app.errors import Conflict, DomainError, NotFound
from app.framework.models import Catalog
from app.messages import Message, term
from app.policy import Policy
from app.submissions.common import _require_provider_of, audit
from app.submissions.models import Curriculum, SupportingFile
from app.submissions.states import SubmissionState
from app.syllabus.errors import SyllabusReadError
from app.syllabus.readers import read_document
from app.syllabus.services import check_syllabus
from app.syllabus.stored_text import for_storage
from app.uploads import StoredFile, delete_stored, store_upload

Upload = tuple[bytes, str]  # the bytes of an uploaded file and the name it came with


def attach_file(session: Session, curriculum: Curriculum, provider: User, stored) -> SupportingFile:
    """Record a stored upload as a supporting file of ``curriculum``; an approved curriculum's
    materials change only through a substantive change (§803.5)."""
    _require_provider_of(curriculum, provider)
    _require_attachable(curriculum)
    item = SupportingFile.from_stored(stored, provider.id, curriculum_id=curriculum.id)
    session.add(item)
    session.flush()
    audit(session, provider, curriculum.id, "attach_file", reason=stored.original_name)
    session.flush()
    return item


def _require_attachable(curriculum: Curriculum) -> None:
    if curriculum.state not in (
        SubmissionState.DRAFT,
        SubmissionState.INCOMPLETE,
        SubmissionState.SUBMITTED,
        SubmissionState.REVISIONS_REQUESTED,
    ):
        raise Conflict(
            Message(
                "Files are attached while the application is open; this curriculum is %(state)s. "
                "Submit a substantive change to change approved materials (§803.5).",
                state=term(curriculum.state.replace("_", " ")),
            )
        )


def stored_file(curriculum: Curriculum, stored_name: str) -> str:
    """The original name of a supporting file or uploaded syllabus of ``curriculum``."""
    names = {f.stored_name: f.original_name for f in curriculum.files}
    names.update({v.stored_name: v.original_name for v in curriculum.versions if v.stored_name})
    if stored_name not in names:
        raise NotFound(Message("There is no such file."))
    return names[stored_name]


@dataclass(frozen=True)
class SyllabusInput:
    """A syllabus as a provider sends it: its text, the checker's report, the stored upload if any."""

    text: str
    report: dict[str, Any]
    stored: StoredFile | None = None

    def version_fields(self) -> dict[str, Any]:
        """The fields of a new CurriculumVersion."""
        return {
            "syllabus_text": self.text,
            "report": self.report,
            "original_name": self.stored.original_name if self.stored else "",
            "stored_name": self.stored.stored_name if self.stored else "",
        }


def read_syllabus(
    upload: Upload | None,
    text: str,
    program: str,
    *,
    catalog: Catalog,
    policy: Policy,
    upload_dir: str,
    max_bytes: int,
) -> SyllabusInput:
    """The uploaded (or else pasted) syllabus, checked; the upload is stored last, so a refused
    syllabus leaves no file behind."""
    if upload is not None:
        try:
            text = read_document(upload[0], upload[1], max_bytes=max_bytes)
        except SyllabusReadError as error:
            raise DomainError(error.args[0]) from None
    if not text.strip():
        raise DomainError(Message("Paste the syllabus or upload it."))
    try:
        report = check_syllabus(text, program, catalog=catalog, policy=policy)
    except SyllabusReadError as error:
        raise DomainError(error.args[0]) from None
    stored = None
    if upload is not None:
        stored = store_upload(
            upload[0], upload[1], kinds="syllabus", upload_dir=upload_dir, max_bytes=max_bytes
        )
    return SyllabusInput(text, for_storage(report), stored)


def discard_syllabus(upload_dir: str, syllabus: SyllabusInput) -> None:
    """Remove the stored upload of a syllabus whose change was refused."""
    if syllabus.stored is not None:
        delete_stored(upload_dir, syllabus.stored.stored_name)


def attach_upload(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    upload: Upload,
    *,
    upload_dir: str,
    max_bytes: int,
) -> SupportingFile:
    """Check and store a supporting file, then attach it; a refused file leaves nothing behind."""
    _require_provider_of(curriculum, provider)
    _require_attachable(curriculum)
    stored = store_upload(
        upload[0], upload[1], kinds="evidence", upload_dir=upload_dir, max_bytes=max_bytes
    )
    try:
        return attach_file(session, curriculum, provider, stored)
    except BaseException:
        delete_stored(upload_dir, stored.stored_name)
        raise
