"""The transcribed frameworks: counts, identifiers, clean statements, valid crosswalks."""

from __future__ import annotations

import re

import pytest
import yaml

from app.framework.loader import load_catalog
from app.framework.schema import FrameworkDataError

DEBRIS = re.compile(r"(<[a-zA-Z/][^>]*>|&[a-z]+;|&#\d+;|[•·\uf0b7\ufb01\ufb02]|  |^\s|\s$|^[-*]\s)")
ID_PATTERN = {
    "core": r"core-\d+",
    "pcfm": r"pcfm-\d+",
    "crisis": r"crisis-\d+",
    "unhoused": r"unhoused-\d+",
    "justice": r"justice-\d+",
    "exam": r"exam-\d",
}


@pytest.mark.parametrize(
    ("framework_id", "count"),
    [("core", 17), ("pcfm", 5), ("crisis", 11), ("unhoused", 10), ("justice", 12), ("exam", 8)],
)
def test_competency_counts_and_numbering(catalog, framework_id, count):
    framework = catalog.framework(framework_id)
    assert len(framework.competencies) == count
    assert [c.id for c in framework.competencies] == [
        f"{framework_id}-{n}" for n in range(1, count + 1)
    ]
    for competency in framework.competencies:
        assert re.fullmatch(ID_PATTERN[framework_id], competency.id)


def test_crisis_has_three_phases_in_order(catalog):
    phases = catalog.framework("crisis").phases
    assert [len(p.competencies) for p in phases] == [5, 4, 2]
    assert [c for p in phases for c in p.competencies] == [f"crisis-{n}" for n in range(1, 12)]
    assert all(c.phase for c in catalog.framework("crisis").competencies)


def test_exam_blueprint_items(catalog):
    exam = catalog.framework("exam")
    ksas = [s for domain in exam.competencies for s in domain.statements]
    # The Guidelines' App. G table has 47 KSA statements; their items add up to 100.
    assert len(ksas) == 47
    assert sum(k.items for k in ksas) == 100 == exam.total_items
    assert [d.items for d in exam.competencies] == [10, 11, 17, 15, 12, 10, 13, 12]
    for domain in exam.competencies:
        assert sum(k.items for k in domain.statements) == domain.items
    assert catalog.statement("exam-2.2").text.startswith("Knowledge of substance use challenges")


def test_every_identifier_is_unique(catalog):
    ids = [c.id for c in catalog.all_competencies()]
    ids += [s.id for c in catalog.all_competencies() for s in c.statements]
    ids += [t.id for t in catalog.law_ethics_topics]
    assert len(ids) == len(set(ids))


def test_every_statement_is_clean(catalog):
    texts = []
    for competency in catalog.all_competencies():
        texts.append((competency.id, competency.title))
        texts += [(s.id, s.text) for s in competency.statements]
        texts += [(competency.id, t) for t in competency.topics]
    texts += [(t.id, t.title) for t in catalog.law_ethics_topics]
    dirty = [(where, text) for where, text in texts if not text or DEBRIS.search(text)]
    assert dirty == []


def test_specializations_have_statements_and_topics(catalog):
    for framework_id in ("crisis", "unhoused", "justice"):
        for competency in catalog.framework(framework_id).competencies:
            assert competency.statements_of("knowledge"), competency.id
            assert competency.statements_of("skill") or competency.statements_of("ability"), (
                competency.id
            )
            assert competency.topics, competency.id
    for competency in catalog.framework("pcfm").competencies:
        # App. H gives skills or knowledge, themes and field examples, and no possible trainings.
        assert competency.statements_of("skill") or competency.statements_of("knowledge")
        assert competency.statements_of("theme") and competency.statements_of("example")


def test_core_competencies_have_assigned_skills(catalog):
    for competency in catalog.framework("core").competencies:
        assert len(competency.statements_of("skill")) >= 2, competency.id


def test_law_and_ethics_topics(catalog):
    topics = catalog.law_ethics_topics
    assert [t.id for t in topics] == [f"le-{n}" for n in range(1, 18)]
    assert topics[2].title == "State and federal confidentiality laws"
    assert all(t.keywords for t in topics)


def test_crosswalks_reference_known_ids_and_have_provenance(catalog):
    assert catalog.links
    for link in catalog.links:
        assert catalog.has(link.source) and catalog.has(link.target)
        assert link.provenance in {"stated", "derived"}
        assert link.evidence
    stated = {(x.source, x.target) for x in catalog.links if x.provenance == "stated"}
    assert ("justice-1", "core-1") in stated
    assert {n.competency for n in catalog.no_additional} >= {"core-7", "core-10"}
    same_as = {(x.source, x.target) for x in catalog.links if x.type == "same-as"}
    assert ("crisis-6", "core-10") in same_as


def _damage(folder, filename, mutate):
    path = folder / filename
    data = yaml.safe_load(path.read_text())
    mutate(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.mark.parametrize(
    ("filename", "mutate", "field", "problem"),
    [
        (
            "crisis.yaml",
            lambda d: d["competencies"][3]["knowledge"].__setitem__(0, "  padded"),
            "competencies[3].knowledge[0]",
            "malformed",
        ),
        (
            "core.yaml",
            lambda d: d["competencies"][0].pop("title"),
            "competencies[0]",
            "'title' is a required property",
        ),
        (
            "justice.yaml",
            lambda d: d["competencies"][1].__setitem__("id", "justice-99"),
            "competencies[1].id",
            "malformed",
        ),
        (
            "exam.yaml",
            lambda d: d["competencies"][0]["ksas"][0].__setitem__("items", "two"),
            "competencies[0].ksas[0].items",
            "not of type",
        ),
        (
            "crosswalks.yaml",
            lambda d: d["links"][0].__setitem__("provenance", "guessed"),
            "links[0].provenance",
            "is not one of",
        ),
    ],
)
def test_a_broken_file_names_file_and_field(data_copy, filename, mutate, field, problem):
    _damage(data_copy, filename, mutate)
    with pytest.raises(FrameworkDataError) as raised:
        load_catalog(data_copy)
    assert raised.value.filename == filename
    assert raised.value.field == field
    assert problem in raised.value.problem


def test_unknown_crosswalk_target_and_bad_yaml_are_reported(data_copy):
    _damage(data_copy, "crosswalks.yaml", lambda d: d["links"][0].__setitem__("target", "core-18"))
    with pytest.raises(
        FrameworkDataError, match=r"crosswalks.yaml: links\[0\].target: unknown identifier"
    ):
        load_catalog(data_copy)
    (data_copy / "pcfm.yaml").write_text("id: [unclosed")
    with pytest.raises(FrameworkDataError, match=r"pcfm\.yaml.*not valid YAML"):
        load_catalog(data_copy)
