"""Uploaded files: checked by extension, size and content, stored under generated names.

Files live in the store named by UPLOAD_DIR (a directory outside the static folder, or an
``s3://`` bucket: app/storage) and are only ever served back as attachments. A rejected file
leaves nothing stored.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os  # noqa: F401  (tests stand in for os.fdopen here to simulate a full disk)
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from flask import Response, request, send_file

from app.errors import DomainError
from app.file_size import size_refusal
from app.messages import Message
from app.storage import ObjectMissing, StorageUnavailable, is_remote, storage_for
from app.storage.base import OpenedObject
from app.storage.local import TEMP_PREFIX as TEMP_PREFIX

# Allowed extensions per kind of upload.
KINDS: dict[str, frozenset[str]] = {
    "syllabus": frozenset({".md", ".markdown", ".txt", ".docx", ".pdf"}),
    "evidence": frozenset({".pdf", ".png", ".jpg", ".jpeg", ".docx", ".txt", ".md"}),
}

CONTENT_TYPES = {
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

MAX_DOCX_MEMBERS = 500
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024


class UploadError(DomainError):
    """The file cannot be accepted; the message says why in plain words."""

    status = 400


@dataclass(frozen=True)
class StoredFile:
    stored_name: str
    original_name: str
    size: int
    content_type: str
    sha256: str


def safe_original_name(filename: str) -> str:
    """The base name of an uploaded file, without directories or control characters."""
    name = PurePath(filename.replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*')
    return name.strip()[:200] or "file"


def extension_of(filename: str) -> str:
    return PurePath(filename).suffix.lower()


def check_content(data: bytes, extension: str) -> None:
    """Raise UploadError unless ``data`` really is a file of type ``extension``."""
    if extension == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise UploadError(Message("This file is named .pdf but is not a PDF document."))
    elif extension == ".png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise UploadError(Message("This file is named .png but is not a PNG image."))
    elif extension in (".jpg", ".jpeg"):
        if not data.startswith(b"\xff\xd8\xff"):
            raise UploadError(Message("This file is named .jpg but is not a JPEG image."))
    elif extension == ".docx":
        _check_docx(data)
    elif extension in (".md", ".markdown", ".txt"):
        if b"\x00" in data:
            raise UploadError(Message("This text file contains binary data."))
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UploadError(Message("This text file is not UTF-8 text.")) from None


def _check_docx(data: bytes) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise UploadError(Message("This file is named .docx but is not a Word document."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_DOCX_MEMBERS:
                raise UploadError(
                    Message("This Word document has too many parts to be read safely.")
                )
            if sum(m.file_size for m in members) > MAX_DOCX_UNCOMPRESSED:
                raise UploadError(
                    Message("This Word document expands to too much data to be read safely.")
                )
            if "word/document.xml" not in archive.namelist():
                raise UploadError(Message("This file is a ZIP archive but not a Word document."))
    except zipfile.BadZipFile:
        raise UploadError(Message("This Word document is damaged and cannot be opened.")) from None


def check_upload(
    data: bytes, filename: str, *, kinds: frozenset[str] | str, max_bytes: int
) -> tuple[str, str]:
    """Raise UploadError unless ``data`` named ``filename`` may be stored as one of ``kinds``;
    the file's safe original name and its extension otherwise. Nothing is written."""
    allowed = KINDS[kinds] if isinstance(kinds, str) else kinds
    original = safe_original_name(filename or "")
    extension = extension_of(original)
    if extension not in allowed:
        names = ", ".join(sorted(allowed))
        raise UploadError(
            Message(
                "Files of type %(extension)s are not accepted here; use %(names)s.",
                extension=extension or "(none)",
                names=names,
            )
        )
    refusal = size_refusal(data, max_bytes)
    if refusal is not None:
        raise UploadError(refusal)
    check_content(data, extension)
    return original, extension


def store_upload(
    data: bytes, filename: str, *, kinds: frozenset[str] | str, upload_dir: str, max_bytes: int
) -> StoredFile:
    """Check ``data`` and write it atomically under a generated name in ``upload_dir``."""
    original, extension = check_upload(data, filename, kinds=kinds, max_bytes=max_bytes)

    stored_name = secrets.token_hex(16) + extension
    # The object is written first, under a generated name; the caller's row commits after. A
    # file whose row never commits (a crash in between) is removed by
    # `flask --app wsgi uploads sweep`, on either backend.
    try:
        storage_for(upload_dir).put(stored_name, data)
    except StorageUnavailable:
        raise UploadError(
            Message(
                "The file store cannot be reached just now, so nothing was saved. "
                "Try again in a few minutes."
            ),
            status=503,
        ) from None
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise UploadError(
                Message(
                    "The server has no room left to store files, so nothing was saved. "
                    "Try again later, and tell an administrator if it goes on."
                ),
                status=507,
            ) from None
        raise
    return StoredFile(
        stored_name=stored_name,
        original_name=original,
        size=len(data),
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _checked_name(stored_name: str) -> str:
    name = PurePath(stored_name).name
    if name != stored_name or name.startswith(".") or not name:
        raise UploadError(Message("Unknown file."), status=404)
    return name


def _opened(upload_dir: str, stored_name: str) -> OpenedObject:
    try:
        return storage_for(upload_dir).open(_checked_name(stored_name))
    except ObjectMissing:
        raise UploadError(Message("The file is no longer available."), status=404) from None
    except StorageUnavailable:
        raise UploadError(
            Message("The file store cannot be reached just now. Try again in a few minutes."),
            status=503,
        ) from None


def open_stored(upload_dir: str, stored_name: str) -> Path:
    """The path of a stored file in a local directory; refuses names that are not generated
    names. A file in a bucket has no path: read it with ``read_stored``."""
    if is_remote(upload_dir):
        raise ValueError("open_stored needs a local directory; use read_stored")
    path = _opened(upload_dir, stored_name).path
    assert path is not None
    return path


def read_stored(upload_dir: str, stored_name: str) -> bytes:
    """The content of a stored file, from either backend."""
    opened = _opened(upload_dir, stored_name)
    if opened.path is not None:
        return opened.path.read_bytes()
    assert opened.stream is not None
    with contextlib.closing(opened.stream):
        return opened.stream.read()


def delete_stored(upload_dir: str, stored_name: str) -> None:
    """Remove a stored file if it exists (a store out of reach leaves it to the sweep)."""
    with contextlib.suppress(UploadError, StorageUnavailable):
        storage_for(upload_dir).delete(_checked_name(stored_name))


def send_stored(upload_dir: str, stored_name: str, original_name: str) -> Response:
    """Serve a stored file as an attachment under its original name, streamed from its store."""
    opened = _opened(upload_dir, stored_name)
    extension = extension_of(stored_name)
    options = {
        "mimetype": CONTENT_TYPES.get(extension, "application/octet-stream"),
        "as_attachment": True,
        "download_name": safe_original_name(original_name),
        "max_age": 0,
    }
    if opened.path is not None:
        response = send_file(opened.path, **options)
    else:
        # A bucket's object streams through in chunks; the headers are those send_file gives
        # a local file (length, date, validator, ranges).
        response = send_file(
            opened.stream,
            etag=opened.etag or False,
            last_modified=opened.modified,
            conditional=False,
            **options,
        )
        response.content_length = opened.size
        response = response.make_conditional(
            request.environ, accept_ranges=True, complete_length=opened.size
        )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
