"""Suggestion quality on labelled module descriptions (precision@1, recall@3)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.syllabus.suggest import stem, suggester_for, terms

DATA = Path(__file__).parent / "data"


def _measure(catalog, filename):
    rows = yaml.safe_load((DATA / filename).read_text())
    suggester = suggester_for(catalog)
    top1 = top3 = 0
    for row in rows:
        ids = [s.id for s in suggester.suggest(row["text"], (row["framework"],), limit=3)]
        top1 += ids[:1] == [row["expected"]]
        top3 += row["expected"] in ids
    return top1 / len(rows), top3 / len(rows), len(rows)


@pytest.mark.parametrize(
    "filename", ["labelled_modules.yaml", "held_out_modules.yaml", "fresh_modules.yaml"]
)
def test_recall_at_3_on_paraphrases(catalog, filename):
    precision_at_1, recall_at_3, count = _measure(catalog, filename)
    print(
        f"{filename}: {count} modules, precision@1 {precision_at_1:.2f}, recall@3 {recall_at_3:.2f}"
    )
    assert count >= 20
    assert recall_at_3 >= 0.9
    assert precision_at_1 >= 0.8


def test_evidence_explains_the_match(catalog):
    (best, *_) = suggester_for(catalog).suggest(
        "Setting up a smartphone, video visits, spotting phishing", ("core",)
    )
    assert best.id == "core-17"
    assert any("smartphone" in e or "phishing" in e for e in best.evidence)
    assert 0 < best.score <= 1


def test_nothing_to_match(catalog):
    assert suggester_for(catalog).suggest("", ("core",)) == []
    assert suggester_for(catalog).suggest("zzzz qqqq", ("core",)) == []


def test_stemming_joins_word_forms():
    assert stem("facilitating") == stem("facilitation")
    assert stem("diverse") == stem("diversity")
    assert "confidenti" in " ".join(terms("Confidentiality rules"))
