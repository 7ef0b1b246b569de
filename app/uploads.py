"""Uploaded files: checked by extension, size and content, stored under generated names.

Files live under the configured UPLOAD_DIR (outside the static folder) and are only ever
served back as attachments. A rejected file leaves nothing on disk.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import secrets
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from flask import Response, send_file

from app.errors import DomainError

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

TEMP_PREFIX = ".upload-"
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
            raise UploadError("This file is named .pdf but is not a PDF document.")
    elif extension == ".png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise UploadError("This file is named .png but is not a PNG image.")
    elif extension in (".jpg", ".jpeg"):
        if not data.startswith(b"\xff\xd8\xff"):
            raise UploadError("This file is named .jpg but is not a JPEG image.")
    elif extension == ".docx":
        _check_docx(data)
    elif extension in (".md", ".markdown", ".txt"):
        if b"\x00" in data:
            raise UploadError("This text file contains binary data.")
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UploadError("This text file is not UTF-8 text.") from None


def _check_docx(data: bytes) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise UploadError("This file is named .docx but is not a Word document.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_DOCX_MEMBERS:
                raise UploadError("This Word document has too many parts to be read safely.")
            if sum(m.file_size for m in members) > MAX_DOCX_UNCOMPRESSED:
                raise UploadError("This Word document expands to too much data to be read safely.")
            if "word/document.xml" not in archive.namelist():
                raise UploadError("This file is a ZIP archive but not a Word document.")
    except zipfile.BadZipFile:
        raise UploadError("This Word document is damaged and cannot be opened.") from None


def store_upload(
    data: bytes, filename: str, *, kinds: frozenset[str] | str, upload_dir: str, max_bytes: int
) -> StoredFile:
    """Check ``data`` and write it atomically under a generated name in ``upload_dir``."""
    allowed = KINDS[kinds] if isinstance(kinds, str) else kinds
    original = safe_original_name(filename or "")
    extension = extension_of(original)
    if extension not in allowed:
        names = ", ".join(sorted(allowed))
        raise UploadError(
            f"Files of type {extension or '(none)'} are not accepted here; use {names}."
        )
    if not data:
        raise UploadError("The file is empty.")
    if len(data) > max_bytes:
        raise UploadError(f"The file is larger than the limit of {max_bytes // (1024 * 1024)} MB.")
    check_content(data, extension)

    directory = Path(upload_dir)
    stored_name = secrets.token_hex(16) + extension
    temp_path = None
    # Write to a temporary file in the same folder, then rename: no half-written file remains.
    # A file whose database row never commits (a crash in between) is removed by
    # `flask --app wsgi uploads sweep`.
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temp_path = tempfile.mkstemp(dir=directory, prefix=TEMP_PREFIX)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_path, directory / stored_name)
    except BaseException as error:
        if temp_path is not None:
            Path(temp_path).unlink(missing_ok=True)
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise UploadError(
                "The server has no room left to store files, so nothing was saved. "
                "Try again later, and tell an administrator if it goes on.",
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


def open_stored(upload_dir: str, stored_name: str) -> Path:
    """The path of a stored file; refuses names that are not generated names."""
    name = PurePath(stored_name).name
    if name != stored_name or name.startswith("."):
        raise UploadError("Unknown file.", status=404)
    path = Path(upload_dir) / name
    if not path.is_file():
        raise UploadError("The file is no longer available.", status=404)
    return path


def delete_stored(upload_dir: str, stored_name: str) -> None:
    """Remove a stored file if it exists."""
    with contextlib.suppress(UploadError):
        open_stored(upload_dir, stored_name).unlink(missing_ok=True)


def send_stored(upload_dir: str, stored_name: str, original_name: str) -> Response:
    """Serve a stored file as an attachment under its original name."""
    path = open_stored(upload_dir, stored_name)
    extension = extension_of(stored_name)
    response = send_file(
        path,
        mimetype=CONTENT_TYPES.get(extension, "application/octet-stream"),
        as_attachment=True,
        download_name=safe_original_name(original_name),
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
