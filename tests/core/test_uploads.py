"""Upload storage: type, size and content checks; atomic writes; safe names."""

from __future__ import annotations

import io
import zipfile

import pytest

from app.uploads import UploadError, open_stored, safe_original_name, store_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _docx(extra_members: int = 0, payload: bytes = b"<w:document/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", payload)
        for index in range(extra_members):
            archive.writestr(f"word/media/{index}.bin", b"x")
    return buffer.getvalue()


def test_stores_under_generated_name(tmp_path):
    stored = store_upload(
        PDF, "../../etc/Cert.pdf", kinds="evidence", upload_dir=str(tmp_path), max_bytes=10_000
    )
    assert stored.original_name == "Cert.pdf"
    assert stored.stored_name.endswith(".pdf") and "Cert" not in stored.stored_name
    assert open_stored(str(tmp_path), stored.stored_name).read_bytes() == PDF
    assert [p.name for p in tmp_path.iterdir()] == [stored.stored_name]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ\x90\x00", "tool.exe", "not accepted"),
        (b"hello", "fake.pdf", "not a PDF"),
        (b"hello", "fake.png", "not a PNG"),
        (b"PK\x03\x04garbage", "broken.docx", "damaged"),
        (b"", "empty.txt", "empty"),
        (b"a\x00b", "bin.txt", "binary"),
        (b"\xff\xfe\xfa", "latin.md", "UTF-8"),
    ],
)
def test_rejects_bad_files_and_leaves_nothing(tmp_path, data, name, message):
    with pytest.raises(UploadError, match=message):
        store_upload(data, name, kinds="evidence", upload_dir=str(tmp_path), max_bytes=10_000)
    assert list(tmp_path.iterdir()) == []


def test_rejects_oversized_file(tmp_path):
    with pytest.raises(UploadError, match="larger than"):
        store_upload(
            b"x" * 2048, "big.txt", kinds="syllabus", upload_dir=str(tmp_path), max_bytes=1024
        )


def test_rejects_docx_bomb(tmp_path):
    bomb = _docx(payload=b"<w:document>" + b"a" * (60 * 1024 * 1024) + b"</w:document>")
    with pytest.raises(UploadError, match="too much data"):
        store_upload(bomb, "bomb.docx", kinds="syllabus", upload_dir=str(tmp_path), max_bytes=10**8)


def test_accepts_real_docx(tmp_path):
    stored = store_upload(
        _docx(), "Syllabus.docx", kinds="syllabus", upload_dir=str(tmp_path), max_bytes=10**6
    )
    assert stored.content_type.endswith("wordprocessingml.document")


def test_open_stored_refuses_traversal(tmp_path):
    with pytest.raises(UploadError):
        open_stored(str(tmp_path), "../secret_key")


def test_safe_original_name_strips_paths_and_controls():
    assert safe_original_name("C:\\Users\\x\\a<b>.pdf") == "ab.pdf"
    assert safe_original_name("\x00\x07") == "file"
