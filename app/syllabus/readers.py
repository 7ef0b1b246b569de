"""Uploaded syllabus files to text: Markdown/plain text, .docx (with tables) and text-based .pdf.

Defensive by design: size caps, ZIP bomb checks before python-docx parses anything, XML parsed
by lxml without network or entity expansion (python-docx's parser), a page cap for PDFs.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from app.file_size import size_refusal
from app.messages import Message
from app.syllabus.errors import SyllabusReadError

MAX_BYTES = 5 * 1024 * 1024
MAX_DOCX_UNCOMPRESSED = 40 * 1024 * 1024
MAX_DOCX_MEMBERS = 1000
MAX_DOCX_RATIO = 150
MAX_PDF_PAGES = 300
TEXT_TYPES = (".md", ".markdown", ".txt", ".text")


def read_document(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of an uploaded syllabus; SyllabusReadError says what is wrong and where."""
    extension = PurePath(filename or "").suffix.lower()
    refusal = size_refusal(data, max_bytes)
    if refusal is not None:
        raise SyllabusReadError(refusal)
    if extension in TEXT_TYPES or extension == "":
        return _decode(data)
    if extension == ".docx":
        return _docx_text(data)
    if extension == ".pdf":
        return _pdf_text(data)
    raise SyllabusReadError(
        Message(
            "Files of type %(extension)s cannot be read; use .md, .txt, .docx or .pdf.",
            extension=extension,
        )
    )


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise SyllabusReadError(
            Message("This does not look like a text file (it contains binary data).")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            last = error
    line = data[: last.start].count(b"\n") + 1
    raise SyllabusReadError(
        Message("The text is not in a known encoding (UTF-8 or Windows-1252)."), line=line
    )


def _docx_text(data: bytes) -> str:
    if not data.startswith(b"PK\x03\x04"):
        raise SyllabusReadError(Message("This file is named .docx but is not a Word document."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SyllabusReadError(
            Message("The Word document is damaged (not a valid ZIP container).")
        ) from None
    members = archive.infolist()
    if len(members) > MAX_DOCX_MEMBERS:
        raise SyllabusReadError(Message("The Word document has too many parts to be read safely."))
    expanded = sum(m.file_size for m in members)
    if expanded > MAX_DOCX_UNCOMPRESSED or any(
        m.compress_size and m.file_size / m.compress_size > MAX_DOCX_RATIO for m in members
    ):
        raise SyllabusReadError(
            Message("The Word document expands to too much data to be read safely.")
        )
    if "word/document.xml" not in archive.namelist():
        raise SyllabusReadError(
            Message("The file is a ZIP archive but not a Word document (no word/document.xml)."),
            part="word/document.xml",
        )
    try:
        document = Document(io.BytesIO(data))
        kinds = _style_kinds(document)
        lines: list[str] = []
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                paragraph = Paragraph(block, document)
                lines.append(_paragraph_markdown(paragraph, kinds.get(block.style or "", "")))
            elif tag == "tbl":
                lines.extend(_table_markdown(Table(block, document)))
                lines.append("")
        return "\n".join(lines)
    except SyllabusReadError:
        raise
    except Exception as error:  # python-docx and lxml raise many types for damaged parts
        raise SyllabusReadError(
            Message("The Word document could not be read (%(error)s).", error=type(error).__name__),
            part="word/document.xml",
        ) from None


def _style_kinds(document) -> dict[str, str]:
    """Each paragraph style of the document as Markdown's opening ("## ", "- ") or "" (read once).

    A paragraph names its style by id; finding the style from the id scans every style of the
    document, so the map is built once per document rather than once per paragraph. A style is a
    heading by its name ("Heading 2") or by the outline level it gives its paragraphs.
    """
    kinds: dict[str, str] = {}
    for style in document.styles.element.style_lst:
        name = (style.name_val or "").lower()
        level = _outline_level(style)
        if name.startswith("heading"):
            digits = "".join(ch for ch in name if ch.isdigit())
            level = int(digits) if digits else level or 2
        if level:
            kinds[style.styleId or ""] = "#" * min(level, 6) + " "
        elif name.startswith("list"):
            kinds[style.styleId or ""] = "- "
    return kinds


def _outline_level(style) -> int:
    """The outline level (1 = top) a style gives its paragraphs, 0 when it gives none."""

    ppr = style.pPr
    found = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    value = found.get(qn("w:val")) if found is not None else None
    return int(value) + 1 if value is not None and value.isdigit() and int(value) < 9 else 0


def _paragraph_markdown(paragraph, opening: str) -> str:
    """Word headings become Markdown headings so the parser sees the document's structure."""
    text = paragraph.text.strip()
    return opening + text if text else text


def _table_markdown(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = [" ".join(cell.text.split()).replace("|", "/") for cell in row.cells]
        rows.append("| " + " | ".join(cells) + " |")
    if rows:
        width = rows[0].count("|") - 1
        rows.insert(1, "|" + "---|" * width)
    return rows


def _pdf_text(data: bytes) -> str:
    if not data.lstrip().startswith(b"%PDF-"):
        raise SyllabusReadError(Message("This file is named .pdf but is not a PDF document."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise SyllabusReadError(
                Message("The PDF is password-protected; upload an unprotected copy.")
            )
        if len(reader.pages) > MAX_PDF_PAGES:
            raise SyllabusReadError(
                Message("The PDF has more than %(count)s pages.", count=MAX_PDF_PAGES)
            )
        pages = []
        total = 0
        for number, page in enumerate(reader.pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception:  # a damaged page: say which
                raise SyllabusReadError(
                    Message("This page could not be read."),
                    part=Message("page %(number)s", number=number),
                ) from None
            total += len(text)
            if total > MAX_BYTES * 2:
                raise SyllabusReadError(
                    Message("The PDF holds too much text to be read safely."),
                    part=Message("page %(number)s", number=number),
                )
            pages.append(text)
    except SyllabusReadError:
        raise
    except Exception as error:
        raise SyllabusReadError(
            Message("The PDF could not be read (%(error)s).", error=type(error).__name__)
        ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise SyllabusReadError(
            Message(
                "The PDF has no text layer (it may be a scan); upload a text-based PDF or the "
                "Word file."
            )
        )
    return text
