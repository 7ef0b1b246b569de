"""Reading uploaded files safely."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from pypdf import PdfWriter

from app.syllabus.errors import SyllabusReadError
from app.syllabus.readers import read_document


def _docx() -> bytes:
    document = Document()
    document.add_heading("Training", level=1)
    document.add_heading("Ethics (3 hours) [core-11]", level=2)
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Module", "Hours"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Confidentiality", "2"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_markdown_and_windows_text():
    assert read_document(b"# Hello", "a.md") == "# Hello"
    assert read_document("Café".encode("cp1252"), "a.txt") == "Café"


def test_docx_headings_and_tables_become_markdown():
    text = read_document(_docx(), "s.docx")
    assert "# Training" in text and "## Ethics (3 hours) [core-11]" in text
    assert "| Confidentiality | 2 |" in text


def test_sample_docx_is_read(curricula):
    text = read_document((curricula / "core_80_hour_syllabus.docx").read_bytes(), "x.docx")
    assert "Digital literacy" in text


def test_blank_pdf_has_no_text_layer():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(SyllabusReadError, match="no text layer"):
        read_document(buffer.getvalue(), "scan.pdf")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.md", "empty"),
        (b"hello", "a.pdf", "not a PDF"),
        (b"%PDF-1.7 garbage", "a.pdf", "could not be read"),
        (b"hello", "a.docx", "not a Word document"),
        (b"PK\x03\x04broken", "a.docx", "damaged"),
        (_zip({"x.txt": b"hi"}), "a.docx", "no word/document.xml"),
        (_zip({"word/document.xml": b"<" + b"a" * 5_000_000 + b">"}), "a.docx", "too much data"),
        (_zip({"word/document.xml": b"<not xml"}), "a.docx", "could not be read"),
        (b"x", "a.exe", "cannot be read"),
        (b"bin\x00ary", "a.txt", "binary"),
    ],
)
def test_unusable_files_get_clear_errors(data, name, message):
    with pytest.raises(SyllabusReadError, match=message):
        read_document(data, name)


def test_xml_entities_are_not_expanded():
    billion_laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
    )
    with pytest.raises(SyllabusReadError):
        read_document(
            _zip({"word/document.xml": billion_laughs, "[Content_Types].xml": b"<Types/>"}),
            "a.docx",
        )


def test_size_cap():
    with pytest.raises(SyllabusReadError, match="larger than"):
        read_document(b"a" * 2048, "a.md", max_bytes=1024)


def test_text_pdf_is_read_and_checked():
    from app.syllabus.services import check_bytes
    from tests.syllabus.conftest import make_text_pdf

    data = make_text_pdf(
        ["Program: core", "Ethics and boundaries (3 hours) core-11", "Lunch (30 minutes)"]
    )
    text = read_document(data, "syllabus.pdf")
    assert "Ethics and boundaries (3 hours) core-11" in text
    report = check_bytes(data, "syllabus.pdf")
    assert report.total_hours == 3 and report.non_instruction_hours["break"] == 0.5
