"""The pure part of versioned judgements: digests, flattening, comparing."""

from __future__ import annotations

from pathlib import Path

from app.judgements.basis import (
    POLICY,
    Change,
    basis_key,
    changed_names,
    compare,
    describe,
    flatten,
    framework_digests,
    framework_snapshot,
    plain,
    policy_snapshot,
    short,
    snapshots_by_name,
)
from app.policy import DEFAULT_POLICY

FRAMEWORK = b"""id: demo
version: '1.0'
competencies:
- id: demo-1
  title: Hope
  skills: [Listen, Share]
- title: Unnamed
"""


def test_flatten_names_list_items_by_id_or_position():
    flat = flatten({"a": [{"id": "x", "t": "one"}, {"t": "two"}, "three"], "n": 2, "none": None})
    assert flat == {"a[x].id": "x", "a[x].t": "one", "a[2].t": "two", "a[3]": "three", "n": "2"}


def test_a_framework_snapshot_has_its_label_digest_and_statements():
    snapshot = framework_snapshot("demo.yaml", FRAMEWORK)
    assert snapshot.label == "1.0"
    assert len(snapshot.digest) == 64
    assert snapshot.content["competencies[demo-1].skills[2]"] == "Share"
    assert snapshot.content["competencies[2].title"] == "Unnamed"
    assert describe(snapshot) == f"demo.yaml 1.0 ({snapshot.digest[:12]})"
    edited = framework_snapshot("demo.yaml", FRAMEWORK.replace(b"Share", b"Share hope"))
    assert edited.digest != snapshot.digest
    assert compare(snapshot.content, edited.content) == [
        Change("competencies[demo-1].skills[2]", "Share", "Share hope")
    ]


def test_a_file_without_a_version_has_an_empty_label():
    assert framework_snapshot("x.yaml", b"- a\n- b\n").label == ""
    assert framework_snapshot("empty.yaml", b"").content == {}


def test_changes_say_added_removed_or_changed():
    changes = compare({"a": 1, "b": 2}, {"b": 3, "c": 4})
    assert [(c.key, c.kind) for c in changes] == [
        ("a", "removed"),
        ("b", "changed"),
        ("c", "added"),
    ]
    assert compare({"a": 1}, {"a": 1}) == []


def test_the_policy_digest_follows_its_values():
    values = {key: rule.value for key, rule in DEFAULT_POLICY.rules.items()}
    first = policy_snapshot(values)
    assert first.name == POLICY and first == policy_snapshot(dict(reversed(values.items())))
    changed = policy_snapshot({**values, "hours.core": 81})
    assert changed.digest != first.digest
    assert compare(first.content, changed.content) == [
        Change("hours.core", plain(values["hours.core"]), 81)
    ]


def test_plain_values_are_json_shaped():
    assert plain({"b": (1, 2), "a": frozenset({"y", "x"})}) == {"a": ["x", "y"], "b": [1, 2]}
    assert plain(object).startswith("<class")
    assert plain(None) is None


def test_basis_keys_and_changed_names():
    assert basis_key({"a": "1", "b": "2"}) == basis_key({"b": "2", "a": "1"})
    assert basis_key({"a": "1"}) != basis_key({"a": "2"})
    assert changed_names({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"}) == ["b", "c"]
    assert short("abcdef" * 10) == "abcdefabcdef"


def test_framework_digests_cover_every_yaml_file(tmp_path: Path):
    (tmp_path / "one.yaml").write_bytes(FRAMEWORK)
    (tmp_path / "notes.md").write_text("not a framework")
    digests = framework_digests(tmp_path)
    assert list(digests) == ["one.yaml"]
    assert digests["one.yaml"] == framework_snapshot("one.yaml", FRAMEWORK).digest
    assert snapshots_by_name([framework_snapshot("one.yaml", FRAMEWORK)]).keys() == {"one.yaml"}
