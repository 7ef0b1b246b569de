"""What a judgement was based on, as data (pure: no Flask, no database).

A report or a decision is made under the framework files in ``competencies/`` and the policy in
force. Each file is identified by the SHA-256 of its bytes (and the ``version`` label it declares,
if any); the policy by the SHA-256 of its rule values written canonically. The texts themselves
are kept flat (one line per statement, keyed by its place in the file) so two versions can be
compared statement by statement.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

POLICY = "policy"  # the name the policy goes under, beside the framework file names


@dataclass(frozen=True)
class Snapshot:
    """One framework file or the policy, as a judgement saw it."""

    name: str  # "core.yaml", …, or "policy"
    digest: str  # SHA-256, hex
    label: str  # the file's declared version ("2024.2"), "" when it declares none
    content: dict[str, Any]  # statement key -> text (framework) or rule key -> value (policy)


@dataclass(frozen=True)
class Change:
    """One statement or rule value that differs between two snapshots."""

    key: str
    old: Any  # None: added
    new: Any  # None: removed

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed"


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def flatten(node: Any, prefix: str = "") -> dict[str, str]:
    """Every text or number of a loaded YAML document, keyed by its place: list items are named
    by their ``id`` when they have one (``competencies[core-3].skills[2]``), else by position
    counted from 1."""
    flat: dict[str, str] = {}
    if isinstance(node, Mapping):
        for key, value in node.items():
            flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(node, list):
        for position, item in enumerate(node, start=1):
            name = item.get("id") if isinstance(item, Mapping) else None
            flat.update(flatten(item, f"{prefix}[{name or position}]"))
    elif node is not None:
        flat[prefix] = str(node)
    return flat


def framework_snapshot(name: str, data: bytes) -> Snapshot:
    """The snapshot of a framework file from its bytes."""
    document = yaml.safe_load(data) or {}
    label = document.get("version", "") if isinstance(document, Mapping) else ""
    return Snapshot(name, digest_bytes(data), str(label or ""), flatten(document))


def framework_files(folder: Path | str) -> list[Path]:
    """The framework files of ``folder``, by name."""
    return sorted(Path(folder).glob("*.yaml"))


def framework_digests(folder: Path | str) -> dict[str, str]:
    """File name -> SHA-256 of its bytes, for every framework file of ``folder``."""
    return {path.name: digest_bytes(path.read_bytes()) for path in framework_files(folder)}


def plain(value: Any) -> Any:
    """A rule value as JSON can hold it: sets sorted, tuples as lists, anything else as text."""
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return repr(value)


def policy_snapshot(values: Mapping[str, Any]) -> Snapshot:
    """The snapshot of the policy from its rule values (key -> value)."""
    content = {key: plain(values[key]) for key in sorted(values)}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return Snapshot(POLICY, digest_bytes(canonical.encode()), "", content)


def basis_key(versions: Mapping[str, str]) -> str:
    """One digest for a whole set of versions (name -> digest): equal sets, equal keys."""
    canonical = json.dumps(dict(sorted(versions.items())), separators=(",", ":"))
    return digest_bytes(canonical.encode())


def changed_names(old: Mapping[str, str], new: Mapping[str, str]) -> list[str]:
    """The names (files, "policy") whose digest differs, or that one side lacks, sorted."""
    return sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """The statements or values that differ between two contents, in key order."""
    return [
        Change(key, old.get(key), new.get(key))
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    ]


def short(digest: str) -> str:
    """The first 12 hex digits, enough to tell versions apart on a page."""
    return digest[:12]


def describe(snapshot: Snapshot) -> str:
    """``core.yaml 2024.2 (3f2a…)``: the name, its label if any and the short digest."""
    label = f" {snapshot.label}" if snapshot.label else ""
    return f"{snapshot.name}{label} ({short(snapshot.digest)})"


def snapshots_by_name(snapshots: Iterable[Snapshot]) -> dict[str, Snapshot]:
    return {snapshot.name: snapshot for snapshot in snapshots}
