"""The crosswalks' reasons in Spanish (competencies/es/crosswalks.yaml): complete, naming only
links that exist, current with the English version, and the derived reasons the rule's Spanish."""

from __future__ import annotations

import re

import pytest
import yaml

from app.framework.derive import derived_reasons, evidence, part_name_links
from app.framework.loader import load_catalog
from app.framework.schema import FrameworkDataError
from app.framework.spanish import in_spanish, load_spanish
from app.framework.spanish_crosswalks import (
    SpanishCrosswalks,
    crosswalks_in_spanish,
    untranslated_links,
)

QUOTED = re.compile(r'"[^"]+"')
NUMBER = re.compile(r"\d+")
DEBRIS = re.compile(r"(<[a-zA-Z/][^>]*>|&[a-z]+;|[•·]|  |^\s|\s$)")


@pytest.fixture(scope="module")
def crosswalks(catalog):
    return load_spanish(catalog).crosswalks


def _damage(folder, change):
    path = folder / "es" / "crosswalks.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _load(folder):
    catalog = load_catalog(folder)
    return catalog, load_spanish(catalog, folder).crosswalks


def _english_texts(catalog):
    """Every English reason by the key the Spanish file uses, and the notes by position."""
    texts = {("link", x.source, x.target, x.type): x.evidence for x in catalog.links}
    texts |= {("row", x.competency, x.framework): x.evidence for x in catalog.no_additional}
    texts |= {("note", str(n)): text for n, text in enumerate(catalog.crosswalk_notes)}
    return texts


def _spanish_texts(crosswalks):
    texts = {("link", *key): text for key, text in crosswalks.evidence.items()}
    texts |= {("row", *key): text for key, text in crosswalks.no_additional.items()}
    texts |= {("note", str(n)): text for n, text in enumerate(crosswalks.notes)}
    return texts


def test_every_link_row_and_note_has_spanish(catalog, crosswalks):
    assert crosswalks.present
    assert untranslated_links(catalog, crosswalks) == []
    assert len(crosswalks.evidence) == len(catalog.links) == 107
    assert set(_spanish_texts(crosswalks)) == set(_english_texts(catalog))


def test_the_spanish_is_marked_not_reviewed_and_follows_the_current_english(catalog, crosswalks):
    """An English crosswalks file whose version moved on needs its Spanish checked and brought along."""
    assert crosswalks.reviewed is False
    assert crosswalks.translation_of == catalog.crosswalk_version
    assert "crosswalks" in load_spanish(catalog).unreviewed()


def test_the_spanish_keeps_the_quotes_numbers_and_sections(catalog, crosswalks):
    """Quotes of the sources stay in English, line and section numbers stay as they are."""
    english, spanish = _english_texts(catalog), _spanish_texts(crosswalks)
    for key, text in english.items():
        assert set(QUOTED.findall(text)) <= set(QUOTED.findall(spanish[key])), key
        assert sorted(NUMBER.findall(text)) == sorted(NUMBER.findall(spanish[key])), key
        assert spanish[key] != text, key
    assert [t for t in spanish.values() if DEBRIS.search(t)] == []


def test_the_derived_reasons_are_the_rules_spanish(catalog, crosswalks):
    """The App. H links' reasons are what app/framework/derive.py writes in Spanish."""
    rule = derived_reasons(catalog, "pcfm", "es")
    assert rule
    assert {key: crosswalks.evidence[key] for key in rule} == rule
    assert derived_reasons(catalog, "pcfm", "en") == {
        (x.source, x.target, x.type): x.evidence
        for x in catalog.links
        if x.source.startswith("pcfm-")
    }


def test_the_rule_speaks_spanish_from_the_language_given(catalog):
    links = {(x.source, x.target): x for x in part_name_links(catalog, "pcfm")}
    exact = links["pcfm-1", "core-16"]
    assert evidence(exact, catalog.competency("core-16"), "es") == (
        "Coincidencia de nombre (exacta): el App. H asigna a esta competencia la habilidad "
        '"Confidentiality"; el nombre repite la competencia básica 16 "Confidentiality".'
    )
    assert evidence(exact, catalog.competency("core-16")) == (
        'Name match (exact): App. H assigns the skill "Confidentiality" to this competency; '
        'the name repeats core competency 16 "Confidentiality".'
    )
    contained = next(x for x in links.values() if x.kind == "knowledge" and x.match == "contained")
    target = catalog.competency(contained.target)
    spanish = evidence(contained, target, "es")
    assert "(contenida)" in spanish and "el área de conocimiento" in spanish
    assert "forma parte de" in spanish and f'"{target.title}"' in spanish
    if target.framework != "core":
        assert f"la competencia {target.number} del App." in spanish
    with pytest.raises(KeyError):
        evidence(exact, catalog.competency("core-16"), "fr")


def test_the_spanish_catalog_says_why_in_spanish(catalog, crosswalks):
    spanish = load_spanish(catalog)
    translated = in_spanish(catalog, spanish)
    link = next(x for x in translated.links if (x.source, x.target) == ("justice-1", "core-1"))
    assert link.evidence.startswith("Junto a la competencia básica")
    assert translated.crosswalk_notes == crosswalks.notes
    row = next(x for x in translated.no_additional if x.competency == "core-7")
    assert "la columna de la derecha dice" in row.evidence
    # The English catalog is left alone.
    assert catalog.links[0].evidence.startswith("Beside core competency")


def test_without_spanish_the_reasons_stay_english(catalog):
    translated = crosswalks_in_spanish(catalog, SpanishCrosswalks())
    assert translated.links == catalog.links
    assert translated.crosswalk_notes == catalog.crosswalk_notes
    assert "notes" in untranslated_links(catalog, SpanishCrosswalks())
    assert "justice-1 core-1 builds-on" in untranslated_links(catalog, SpanishCrosswalks())


def test_a_missing_link_is_listed_and_stays_english(data_copy):
    _damage(data_copy, lambda d: d["links"].pop(0))
    catalog, crosswalks = _load(data_copy)
    assert untranslated_links(catalog, crosswalks) == ["justice-1 core-1 builds-on"]
    translated = crosswalks_in_spanish(catalog, crosswalks)
    assert translated.links[0].evidence == catalog.links[0].evidence
    assert translated.links[1].evidence != catalog.links[1].evidence


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["links"][0].__setitem__("target", "core-2"),
            r"es/crosswalks.yaml: links.0: crosswalks.yaml has no links entry "
            r"'justice-1 core-2 builds-on'",
        ),
        (
            lambda d: d["links"][0].__setitem__("type", "related"),
            r"links.0: crosswalks.yaml has no links entry 'justice-1 core-1 related'",
        ),
        (
            lambda d: d["links"].append(dict(d["links"][0])),
            r"links.107: 'justice-1 core-1 builds-on' is translated twice",
        ),
        (
            lambda d: d["no_additional"][0].__setitem__("framework", "crisis"),
            r"no_additional.0: crosswalks.yaml has no no_additional entry 'core-7 crisis'",
        ),
        (lambda d: d["notes"].pop(), r"notes: 3 entries, but the English has 4"),
        (lambda d: d.pop("translation_of"), r"'translation_of' is a required property"),
        (lambda d: d.__setitem__("reviewed", "no"), r"reviewed: 'no' is not of type 'boolean'"),
        (lambda d: d["links"][0].__setitem__("evidence", " x"), r"links.0.evidence"),
        (lambda d: d["links"][0].pop("evidence"), r"'evidence' is a required property"),
        (lambda d: d.__setitem__("framework", "core"), r"unknown key"),
    ],
)
def test_a_broken_file_names_the_field(data_copy, change, message):
    _damage(data_copy, change)
    with pytest.raises(FrameworkDataError, match=message):
        _load(data_copy)


def test_a_folder_without_the_spanish_file_keeps_english_reasons(data_copy):
    (data_copy / "es" / "crosswalks.yaml").unlink()
    catalog, crosswalks = _load(data_copy)
    assert crosswalks == SpanishCrosswalks()
    assert "crosswalks" not in load_spanish(catalog, data_copy).unreviewed()
    assert in_spanish(catalog, load_spanish(catalog, data_copy)).links[0].evidence == (
        catalog.links[0].evidence
    )
