"""Citations in words: sections and document names, never seed files or line numbers."""

from __future__ import annotations

import re

import pytest

from app.framework.citations import cite, plain
from app.framework.spanish import in_spanish, load_spanish

LEFTOVERS = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|\bseed\b|\blines? \d")


@pytest.mark.parametrize(
    ("section", "seed", "expected"),
    [
        ("App. J (line 1116); App. A", "001_e620bba8f7793082.txt", "App. J; App. A"),
        (
            "JI-LA comparison table",
            "000_fe8efca518af8382.txt",
            "Justice-Involved landscape analysis comparison table",
        ),
        (
            "App. J; §212.2; CC (003_69833266db5cd43a.txt)",
            "001_e620bba8f7793082.txt",
            "App. J; §212.2; Crisis Care competencies",
        ),
        ("Lines", "004_cf7d850481785f83.txt", "Lines, a training provider's participant workbook"),
    ],
)
def test_cite(section, seed, expected):
    assert cite(section, seed) == expected


def test_plain_keeps_the_words_and_drops_references():
    text = (
        'headed "1. Application of Lived Experience" (lines 60-62, garbled in extraction as '
        '"1. Application"). Transcribed from App. H (seed 001 lines 1075-1095); §212.1 '
        "(lines 279-286) lists the same five. Each competency names the lines of that seed."
    )
    assert plain(text) == (
        'headed "1. Application of Lived Experience" (garbled in extraction as "1. Application"). '
        "Transcribed from App. H; §212.1 lists the same five."
    )


def test_every_citation_in_the_data_reads_plainly(catalog):
    texts = [cite(link.section, link.seed) for link in catalog.links]
    texts += [plain(link.evidence) for link in catalog.links]
    for framework in catalog.frameworks.values():
        texts.append(cite(framework.source.section, framework.source.seed))
        texts.append(plain(framework.source.notes))
        texts += [cite(c.source.section, c.source.seed) for c in framework.competencies]
    assert [t for t in texts if LEFTOVERS.search(t)] == []
    assert all(texts[: len(catalog.links)])


def test_plain_drops_the_spanish_line_references_too():
    text = (
        'lleva el encabezado "1. Application of Lived Experience" (líneas 60-62, deformado en la '
        'extracción como "1. Application"). La columna dice: "None." (línea 239) y sigue '
        "(lineas 12 y 14)."
    )
    assert plain(text) == (
        'lleva el encabezado "1. Application of Lived Experience" (deformado en la extracción '
        'como "1. Application"). La columna dice: "None." y sigue.'
    )


def test_every_spanish_reason_reads_plainly(catalog):
    spanish = in_spanish(catalog, load_spanish(catalog))
    texts = [plain(link.evidence) for link in spanish.links]
    texts += [plain(row.evidence) for row in spanish.no_additional]
    assert [t for t in texts if LEFTOVERS.search(t) or re.search(r"\bl[ií]neas? \d", t)] == []
    assert all(texts)
