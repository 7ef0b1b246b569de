"""Excel workbooks made in the tests with openpyxl (no binary fixtures)."""

from __future__ import annotations

import io

from openpyxl import Workbook


def make_xlsx(rows: list[list[object]], *, sheet_title: str = "Sheet1") -> bytes:
    """A workbook whose first sheet holds ``rows`` (dates, numbers and text as given)."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
