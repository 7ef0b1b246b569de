"""Reading an uploaded table: CSV and .xlsx into rows, other formats refused with what to do."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from app import tabular
from app.tabular import TableError, read_as_csv, read_table
from tests.workbooks import make_xlsx as xlsx


def test_a_workbook_reads_as_text_rows_with_dates_and_whole_numbers():
    data = xlsx(
        [
            ["Course Name", "Completion Date", "Credit Hours", "Law and ethics"],
            ["Ethics", datetime(2025, 6, 1), 6.0, True],
            ["Boundaries", date(2025, 7, 2), 1.5, None],
            [],
        ]
    )
    table = read_table(data, "log.xlsx")
    assert table.kind == "xlsx"
    assert table.rows == [
        ["Course Name", "Completion Date", "Credit Hours", "Law and ethics"],
        ["Ethics", "2025-06-01", "6", "TRUE"],
        ["Boundaries", "2025-07-02", "1.5"],
    ]
    text, problem = read_as_csv(data, "log.xlsx")
    assert problem == "" and text.splitlines()[1] == "Ethics,2025-06-01,6,TRUE"


def test_a_formula_gives_its_cached_value_never_its_text():
    book = Workbook()
    book.active.append(["hours", "total"])
    book.active.append([2, "=A2*3"])
    out = io.BytesIO()
    book.save(out)
    rows = read_table(out.getvalue(), "f.xlsx").rows
    # A workbook saved by openpyxl has no cached value: the cell is empty, not "=A2*3".
    assert rows[1] == ["2"]


def test_csv_in_windows_1252_is_read():
    table = read_table("name,hours\nJosé,2\n".encode("cp1252"), "roster.csv")
    assert table.kind == "csv" and table.rows[1] == ["José", "2"]


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "log.xls", "Excel 97"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "log.csv", "older Office file"),
        (b"PK\x03\x04whatever", "log.ods", "OpenDocument"),
        (b"PK\x03\x04whatever", "log.numbers", "Numbers"),
        (b"PK\x03\x04whatever", "log.csv", "ZIP archive"),
        (b"%PDF-1.4", "log.pdf", "PDF"),
        (b"a,b\n", "log.json", "not read here"),
        (b"PK\x03\x04not really a zip", "log.xlsx", "damaged"),
    ],
)
def test_other_formats_are_refused_with_what_to_do(data, name, says):
    with pytest.raises(TableError) as raised:
        read_table(data, name)
    assert says in str(raised.value)
    assert "save" in str(raised.value).lower() or "split" in str(raised.value)


def _zipped(files: dict[str, str | bytes]) -> bytes:
    """A ZIP archive holding ``files`` (name: content)."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return data.getvalue()


def test_a_workbook_with_macros_is_refused():
    data = _zipped({"xl/workbook.xml": "<workbook/>", "xl/vbaProject.bin": b"macro"})
    with pytest.raises(TableError, match="macros"):
        read_table(data, "log.xlsx")
    with pytest.raises(TableError, match="macros"):
        read_table(b"PK\x03\x04", "log.xlsm")


def test_a_zip_that_is_not_a_workbook_is_refused():
    with pytest.raises(TableError, match="not an Excel workbook"):
        read_table(_zipped({"word/document.xml": "<doc/>"}), "log.xlsx")


def test_limits_on_size_rows_columns_and_cells(monkeypatch):
    with pytest.raises(TableError, match="larger than 1 MB"):
        read_table(b"a" * (1024 * 1024 + 1), "big.csv", max_bytes=1024 * 1024)
    with pytest.raises(TableError, match="empty"):
        read_table(b"", "empty.xlsx")
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    with pytest.raises(TableError, match="more than 3 rows"):
        read_table(xlsx([[i] for i in range(10)]), "rows.xlsx")
    monkeypatch.setattr(tabular, "MAX_ROWS", 20_000)
    monkeypatch.setattr(tabular, "MAX_COLUMNS", 4)
    with pytest.raises(TableError, match="more than 4 columns"):
        read_table(xlsx([list(range(6))]), "wide.xlsx")
    monkeypatch.setattr(tabular, "MAX_COLUMNS", 60)
    monkeypatch.setattr(tabular, "MAX_CELLS", 10)
    with pytest.raises(TableError, match="more than 10 cells"):
        read_table(xlsx([[1, 2, 3]] * 5), "cells.xlsx")


def test_a_zip_bomb_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(TableError, match="too much data"):
        read_table(xlsx([["x" * 50] for _ in range(100)]), "bomb.xlsx")


def test_cells_read_as_a_csv_export_shows_them():
    from datetime import time

    assert tabular.cell_text(None) == ""
    assert tabular.cell_text(False) == "FALSE"
    assert tabular.cell_text(datetime(2025, 6, 1, 9, 30)) == "2025-06-01 09:30"
    assert tabular.cell_text(date(2025, 6, 1)) == "2025-06-01"
    assert tabular.cell_text(6.0) == "6" and tabular.cell_text(1.25) == "1.25"
    assert tabular.cell_text(time(9, 30)) == "09:30"
    assert tabular.cell_text("  text ") == "text"


def test_text_that_is_not_csv_is_refused_and_csv_passes_through():
    with pytest.raises(TableError, match="not a CSV file"):
        read_table("name,hours\n".encode("utf-16"), "log.csv")
    with pytest.raises(TableError, match="not UTF-8"):
        read_table(b"name\n\x81\x8d\n", "log.csv")
    assert read_as_csv(b"a;b\n1;2\n", "log.csv") == ("a;b\n1;2\n", "")
    text, problem = read_as_csv(b"", "log.csv")
    assert text is None and problem == "The file is empty."


def test_a_damaged_workbook_and_trailing_blank_rows():
    with pytest.raises(TableError, match="cannot be opened"):
        read_table(_zipped({"xl/workbook.xml": "not xml"}), "log.xlsx")
    book = Workbook()
    book.active.append(["a", "b"])
    book.active.cell(row=4, column=2, value="")
    out = io.BytesIO()
    book.save(out)
    assert read_table(out.getvalue(), "blank.xlsx").rows == [["a", "b"]]
