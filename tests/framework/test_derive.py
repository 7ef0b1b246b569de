"""Links derived from names: the rule, the same-as links it explains, the pcfm links it gives."""

from __future__ import annotations

import pytest

from app.framework.derive import as_yaml_entries, name_match, name_words, part_name_links

# The two same-as links a person judged a near match although the words differ.
JUDGED_NEAR = {("crisis-4", "core-6"), ("crisis-7", "core-6")}


@pytest.mark.parametrize(
    ("name", "title", "expected"),
    [
        ("Crisis and Safety Planning", "Safety and crisis planning", "exact"),
        (
            "Co-occurring Disorders: MH and SUD",
            "Co-occurring disorders of mental health and substance use disorders",
            "exact",
        ),
        ("Role of Advocacy", "The role of advocacy", "exact"),
        (
            "Recovery Principles",
            "addiction recovery principles, including defined practices",
            "contained",
        ),
        ("Confidentiality", "Confidentiality", "exact"),
        # One shared word is not a match, nor is a name with words the title lacks.
        ("Ethics", "Professional boundaries and ethics", None),
        ("Self-Care Strategies (For Providers and Families)", "Self-awareness and self-care", None),
        ("Person-Centered Trauma-Informed", "Trauma-informed care", None),
        ("", "Conflict resolution", None),
    ],
)
def test_name_match(name, title, expected):
    assert name_match(name, title) == expected


def test_name_words_drop_small_words_and_plurals():
    assert name_words("The Role of Consumers and Family Members") == {
        "role",
        "consumer",
        "family",
        "member",
    }
    assert name_words("Boundaries") == {"boundary"}


def test_the_rule_finds_every_same_as_link_between_titles(catalog):
    """The same-as links in the data are the rule's exact matches, bar two judged by a person."""
    checked = 0
    for link in catalog.links:
        if link.type != "same-as" or (link.source, link.target) in JUDGED_NEAR:
            continue
        source, target = catalog.competency(link.source), catalog.competency(link.target)
        assert name_match(source.title, target.title) == "exact", (link.source, link.target)
        checked += 1
    assert checked == 31


def test_pcfm_links_in_the_data_are_exactly_what_the_rule_finds(catalog):
    in_data = [
        {
            "source": x.source,
            "target": x.target,
            "type": x.type,
            "provenance": x.provenance,
            "seed": x.seed,
            "section": x.section,
            "evidence": x.evidence,
        }
        for x in catalog.links
        if x.source.startswith("pcfm-") or x.target.startswith("pcfm-")
    ]
    assert in_data == as_yaml_entries(catalog, "pcfm")
    # Every Parent, Caregiver, Family Member competency is linked, each link derived with a reason.
    assert {x["source"] for x in in_data} == {f"pcfm-{n}" for n in range(1, 6)}
    assert all(x["provenance"] == "derived" and x["type"] == "related" for x in in_data)


def test_pcfm_reasons_quote_the_matching_names(catalog):
    links = part_name_links(catalog, "pcfm")
    by_pair = {(x.source, x.target): x for x in links}
    assert by_pair["pcfm-1", "core-16"].name == "Confidentiality"
    assert by_pair["pcfm-3", "core-13"].match == "exact"
    assert by_pair["pcfm-4", "core-4"].match == "contained"
    for link in links:
        source = catalog.competency(link.source)
        assert link.name in {s.text for s in source.statements}
        evidence = next(
            x.evidence for x in catalog.links if (x.source, x.target) == (link.source, link.target)
        )
        assert f'"{link.name}"' in evidence and f'"{link.title}"' in evidence


def test_every_competency_has_its_short_name(catalog):
    for competency in catalog.all_competencies():
        if competency.framework == "exam":
            assert competency.short_name == competency.title  # domains keep their titles
            continue
        assert competency.short_name == catalog.terms[competency.id].short
        assert len(competency.short_name) <= 40
    assert catalog.competency("core-12").short_name == "Employment preparation"
