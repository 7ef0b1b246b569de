"""Fixtures for the checker tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

CURRICULA = Path(__file__).resolve().parents[2] / "curricula"


@pytest.fixture(autouse=True)
def _fresh_syllabus_caches():
    """Each test reads its text afresh: the readers memoize (functools caches), and an answer kept
    from an earlier test, or from the code before a change under mutation testing, must not stand
    in for the code under test."""
    for name, module in list(sys.modules.items()):
        if name.startswith("app.syllabus.") and module is not None:
            for value in vars(module).values():
                # Asked of the type: a request or app proxy (the views import them) raises when
                # asked for an attribute outside a request. Only the checker's own caches: the
                # framework catalog a checker module imports stays loaded, as in a running app.
                if callable(getattr(type(value), "cache_clear", None)) and getattr(
                    value, "__module__", ""
                ).startswith("app.syllabus."):
                    value.cache_clear()


@pytest.fixture
def curricula() -> Path:
    return CURRICULA


def make_text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, no external tools)."""
    content = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(
        f"{o:010d} 00000 n \n" for o in offsets
    )
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")
