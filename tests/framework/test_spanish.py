"""The Spanish of the frameworks (competencies/es): checked against the English, applied to a
copy of the catalog, and what has no Spanish yet listed."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import yaml

from app.framework.loader import load_catalog
from app.framework.models import FRAMEWORK_IDS
from app.framework.schema import FrameworkDataError
from app.framework.spanish import (
    SpanishText,
    in_spanish,
    load_spanish,
    spanish_frameworks,
    untranslated,
)

# Frameworks with no Spanish file yet; a framework leaves this list when its file is complete.
NOT_YET_IN_SPANISH: set[str] = set()
DEBRIS = re.compile(r"(<[a-zA-Z/][^>]*>|&[a-z]+;|[•·]|  |^\s|\s$)")


@pytest.fixture(scope="module")
def spanish(catalog):
    return load_spanish(catalog)


def _damage(folder, name, change):
    path = folder / "es" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _load(folder):
    catalog = load_catalog(folder)
    return catalog, load_spanish(catalog, folder)


def test_every_spanish_file_is_a_complete_translation(catalog, spanish):
    """Lists, by framework, every title, summary, statement and topic list with no Spanish yet."""
    missing = untranslated(catalog, spanish)
    by_framework = {
        f: [m for m in missing if m == f or m.startswith((f"{f}-", f"{f}:"))] for f in FRAMEWORK_IDS
    }
    incomplete = {f: ids for f, ids in by_framework.items() if ids and f not in NOT_YET_IN_SPANISH}
    assert incomplete == {}, f"no Spanish yet for: {incomplete}"
    assert {f for f in FRAMEWORK_IDS if f not in spanish.reviewed} == NOT_YET_IN_SPANISH


def test_the_whole_set_is_marked_not_reviewed(spanish):
    assert spanish.reviewed
    # The links' reasons (es/crosswalks.yaml) are not reviewed either.
    assert set(spanish.unreviewed()) == {*spanish.reviewed, "crosswalks"}


def test_spanish_text_is_clean(spanish):
    texts = [
        *spanish.framework_titles.values(),
        *spanish.phase_titles.values(),
        *spanish.competency_titles.values(),
        *spanish.summaries.values(),
        *spanish.statements.values(),
        *(t for topics in spanish.topics.values() for t in topics),
    ]
    assert texts
    assert [t for t in texts if DEBRIS.search(t)] == []


def test_spanish_catalog_has_spanish_text_and_leaves_the_english_alone(catalog, spanish):
    english = catalog.statement("crisis-8.a1").text
    translated = in_spanish(catalog, spanish)
    assert translated.statement("crisis-8.a1").text == spanish.statements["crisis-8.a1"]
    assert "911" in translated.statement("crisis-8.a1").text
    assert translated.statement("crisis-8.a1").text != english
    assert catalog.statement("crisis-8.a1").text == english
    assert translated.competency("core-1").title == catalog.terms["core-1"].es_title
    assert (
        translated.framework("crisis").phases[0].title == spanish.phase_titles["crisis:prevention"]
    )
    assert translated.competency("crisis-1").topics == spanish.topics["crisis-1"]
    # Identifiers, numbers and links do not change.
    assert [c.id for c in translated.all_competencies()] == [
        c.id for c in catalog.all_competencies()
    ]
    # The links keep their ends, types and sources; only their reasons are in Spanish.
    assert [replace(x, evidence="") for x in translated.links] == [
        replace(x, evidence="") for x in catalog.links
    ]


def test_without_spanish_the_catalog_stays_english(catalog):
    translated = in_spanish(catalog, SpanishText())
    assert translated.statement("crisis-1.k1").text == catalog.statement("crisis-1.k1").text
    assert translated.framework("crisis").title == catalog.framework("crisis").title
    assert "crisis-1.k1" in untranslated(catalog, SpanishText())
    assert "crisis" in untranslated(catalog, SpanishText())
    assert "crisis-1.topics" in untranslated(catalog, SpanishText())


def test_a_missing_entry_is_listed_as_untranslated(data_copy):
    _damage(data_copy, "crisis.yaml", lambda d: d["competencies"]["crisis-2"].pop("skills"))
    catalog, spanish = _load(data_copy)
    missing = untranslated(catalog, spanish)
    assert [m for m in missing if m.startswith("crisis-2.")] == [
        f"crisis-2.s{n}" for n in range(1, 5)
    ]
    assert (
        in_spanish(catalog, spanish).statement("crisis-2.s1").text
        == catalog.statement("crisis-2.s1").text
    )


def test_an_unknown_competency_is_refused_with_a_clear_error(data_copy):
    _damage(
        data_copy,
        "crisis.yaml",
        lambda d: d["competencies"].__setitem__("crisis-99", {"skills": ["Algo."]}),
    )
    with pytest.raises(FrameworkDataError) as caught:
        _load(data_copy)
    assert str(caught.value) == (
        "es/crisis.yaml: competencies.crisis-99: unknown identifier 'crisis-99': "
        "crisis.yaml has no such competency"
    )


def test_a_competency_of_another_framework_is_refused(data_copy):
    _damage(
        data_copy,
        "crisis.yaml",
        lambda d: d["competencies"].__setitem__("core-1", {"skills": ["Algo."]}),
    )
    with pytest.raises(FrameworkDataError, match=r"es/crisis.yaml: competencies.core-1: unknown"):
        _load(data_copy)


def test_a_list_of_another_length_is_refused(data_copy):
    _damage(data_copy, "crisis.yaml", lambda d: d["competencies"]["crisis-1"]["skills"].pop())
    with pytest.raises(
        FrameworkDataError,
        match=r"competencies.crisis-1.skills: 2 entries, but the English has 3",
    ):
        _load(data_copy)


def test_an_unknown_phase_is_refused(data_copy):
    _damage(data_copy, "crisis.yaml", lambda d: d["phases"].__setitem__("later", "Después"))
    with pytest.raises(FrameworkDataError, match=r"phases.later: unknown phase 'later'"):
        _load(data_copy)


def test_an_unknown_exam_statement_is_refused(data_copy):
    _damage(
        data_copy,
        "exam.yaml",
        lambda d: d["competencies"]["exam-1"]["ksas"].__setitem__("exam-1.9", "Algo."),
    )
    with pytest.raises(FrameworkDataError, match=r"ksas.exam-1.9: unknown identifier"):
        _load(data_copy)


def test_a_summary_the_english_lacks_is_refused(data_copy):
    _damage(
        data_copy,
        "exam.yaml",
        lambda d: d["competencies"]["exam-1"].__setitem__("summary", "Resumen."),
    )
    with pytest.raises(FrameworkDataError, match=r"exam-1.summary: the English has no summary"):
        _load(data_copy)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("reviewed"), r"'reviewed' is a required property"),
        (lambda d: d.__setitem__("reviewed", "no"), r"reviewed: 'no' is not of type 'boolean'"),
        (lambda d: d.__setitem__("framework", "core"), r"framework: 'core' is not this file's"),
        (lambda d: d.__setitem__("notes", "x"), r"unknown key"),
        (
            lambda d: d["competencies"]["crisis-1"]["skills"].__setitem__(0, " espacio"),
            r"competencies.crisis-1.skills.0",
        ),
    ],
)
def test_a_malformed_file_names_the_field(data_copy, change, message):
    _damage(data_copy, "crisis.yaml", change)
    with pytest.raises(FrameworkDataError, match=message):
        _load(data_copy)


def test_a_file_for_no_framework_is_refused(data_copy):
    (data_copy / "es" / "other.yaml").write_text("framework: core\n", encoding="utf-8")
    with pytest.raises(FrameworkDataError, match=r"es/other.yaml: no framework is called 'other'"):
        _load(data_copy)


def test_a_folder_without_spanish_gives_english_pages(data_copy):
    for path in (data_copy / "es").iterdir():
        path.unlink()
    (data_copy / "es").rmdir()
    catalog = load_catalog(data_copy)
    frameworks = spanish_frameworks(catalog, data_copy)
    assert frameworks.text.reviewed == {}
    assert frameworks.catalog.statement("crisis-1.k1").text == catalog.statement("crisis-1.k1").text
    assert frameworks.words["crisis-1"] == ""


def test_search_words_hold_the_spanish_statements(catalog):
    words = spanish_frameworks(catalog).words
    assert "naloxona" in words["crisis-8"]
    assert "Naloxone" not in words["crisis-8"]


def test_each_spanish_file_translates_the_current_english_version(catalog, spanish):
    """An English file whose version moved on needs its Spanish checked and brought along."""
    assert {f: v for f, v in spanish.translation_of.items()} == {
        f: catalog.framework(f).version for f in spanish.translation_of
    }
