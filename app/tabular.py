"""An uploaded table, CSV or Excel workbook, read into rows of text (pure).

Every import (a peer's CE log, a provider's completion roster, the registry) starts here, so
each accepts the same files and refuses the same others with the same words:

- CSV: UTF-8 (with or without a byte-order mark) or Windows-1252, as spreadsheet programs save it;
- ``.xlsx``: the first worksheet, read with openpyxl in read-only mode, cached values only
  (``data_only``: a formula's last computed value, never the formula), within limits on the
  file's size, its archive, its rows and its cells. Dates become ``YYYY-MM-DD``, whole numbers
  lose their ``.0``.

Anything else (``.xls``, ``.xlsm`` or any workbook with macros, ``.ods``, ``.numbers``, a PDF)
is refused with what to do instead: save it as .xlsx or CSV.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_CELLS = 200_000
MAX_MEMBERS = 200
MAX_UNCOMPRESSED = 40 * 1024 * 1024

SAVE_AS = "Save it as .xlsx or CSV (UTF-8) and upload that file."
OTHER_FORMATS = {
    ".xls": "an Excel 97–2003 workbook",
    ".xlsm": "a workbook with macros",
    ".xlsb": "a binary Excel workbook",
    ".xltx": "an Excel template",
    ".xltm": "an Excel template with macros",
    ".ods": "an OpenDocument spreadsheet",
    ".numbers": "a Numbers spreadsheet",
    ".pdf": "a PDF document",
    ".docx": "a Word document",
    ".doc": "a Word document",
}
TEXT_KINDS = frozenset({".csv", ".txt", ".tsv", ""})
KINDS = frozenset({".csv", ".xlsx"})
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc and other pre-2007 Office files
ZIP = b"PK\x03\x04"


class TableError(ValueError):
    """The file cannot be read as a table; the message says why and what to do."""


@dataclass(frozen=True)
class Table:
    """The rows of an uploaded file, each a list of cell texts; ``kind`` is "csv" or "xlsx"."""

    rows: list[list[str]]
    kind: str

    def as_csv(self) -> str:
        """The rows as CSV text, for readers that take CSV."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows(self.rows)
        return out.getvalue()


def _extension(filename: str) -> str:
    return PurePath((filename or "").replace("\\", "/")).suffix.lower()


def decode_text(data: bytes) -> str:
    """The text of a CSV file: UTF-8, or Windows-1252 as spreadsheet programs on Windows save it."""
    if b"\x00" in data[:4096]:
        raise TableError(f"The file is not a CSV file or an .xlsx workbook. {SAVE_AS}")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(f"The file is not UTF-8 text. {SAVE_AS}")


def read_table(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> Table:
    """The rows of an uploaded CSV or ``.xlsx`` file; TableError names what is wrong."""
    if not data:
        raise TableError("The file is empty.")
    if len(data) > max_bytes:
        raise TableError(f"The file is larger than {max_bytes // (1024 * 1024)} MB; split it.")
    extension = _extension(filename)
    if extension in OTHER_FORMATS or data.startswith(OLE2):
        kind = OTHER_FORMATS.get(extension, "an older Office file")
        raise TableError(f"This file is {kind}, which is not read here. {SAVE_AS}")
    if extension == ".xlsx" or data.startswith(ZIP):
        if extension != ".xlsx":
            raise TableError(f"The file is a ZIP archive, not a CSV file. {SAVE_AS}")
        return Table(read_xlsx(data), "xlsx")
    if extension not in TEXT_KINDS:
        raise TableError(f"Files of type {extension} are not read here. {SAVE_AS}")
    text = decode_text(data)
    return Table(list(csv.reader(io.StringIO(text, newline=""))), "csv")


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
    except zipfile.BadZipFile:
        raise TableError(f"This workbook is damaged and cannot be opened. {SAVE_AS}") from None
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNCOMPRESSED:
        raise TableError("This workbook expands to too much data to be read safely; split it.")
    if "xl/workbook.xml" not in names:
        raise TableError(f"This file is named .xlsx but is not an Excel workbook. {SAVE_AS}")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise TableError(f"This workbook contains macros, which are not read here. {SAVE_AS}")


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV export would show."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6g}"
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    return str(value).strip()


def read_xlsx(data: bytes) -> list[list[str]]:
    """The first worksheet's rows as text, trailing empty cells and rows dropped."""
    _check_archive(data)
    from openpyxl import load_workbook  # noqa: PLC0415 (only workbooks need it: CSV imports skip loading it)

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises many kinds for a damaged file (or one without a sheet)
        raise TableError(f"This workbook cannot be opened. {SAVE_AS}") from None
    try:
        rows: list[list[str]] = []
        cells = 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1:
                raise TableError(f"The worksheet has more than {MAX_ROWS} rows; split it.")
            texts = [cell_text(v) for v in values[: MAX_COLUMNS + 1]]
            while texts and not texts[-1]:
                texts.pop()
            if len(texts) > MAX_COLUMNS:
                raise TableError(
                    f"Row {number} has more than {MAX_COLUMNS} columns; keep only the table."
                )
            cells += len(texts)
            if cells > MAX_CELLS:
                raise TableError(f"The worksheet has more than {MAX_CELLS} cells; split it.")
            rows.append(texts)
    finally:
        workbook.close()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def read_as_csv(
    data: bytes, filename: str, *, max_bytes: int = MAX_BYTES
) -> tuple[str | None, str]:
    """The upload as CSV text, or None and why not: for the readers that take CSV text."""
    try:
        table = read_table(data, filename, max_bytes=max_bytes)
    except TableError as error:
        return None, str(error)
    if table.kind == "csv":
        return decode_text(data), ""
    return table.as_csv(), ""
