"""YAML front matter at the top of a syllabus, read safely, and the total it declares (pure)."""

from __future__ import annotations

import math
from typing import Any

import yaml

from app.syllabus.durations import (
    find_duration,
    tokens,
)
from app.syllabus.errors import SyllabusReadError
from app.syllabus.limits import MAX_DECLARED_HOURS
from app.syllabus.model import DeclaredTotal


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: front matter needs neither, and aliases allow billion-laughs."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)


def _load_front_matter(block: str) -> Any:
    # Nested collections are refused before PyYAML recurses into them (deep nesting costs a 500).
    depth = 0
    for ch in block[:20_000]:
        if ch in "[{":
            depth += 1
            if depth > 20:
                raise yaml.YAMLError("the front matter is nested too deeply")
        elif ch in "]}":
            depth = max(0, depth - 1)
    loader = _FrontMatterLoader(block)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def front_matter(lines: list[str]) -> tuple[dict[str, Any], dict[str, int], int]:
    """YAML front matter between --- lines at the top; returns (meta, key lines, first body index)."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or lines[index].strip() != "---":
        return {}, {}, 0
    for end in range(index + 1, min(len(lines), index + 200)):
        if lines[end].strip() in ("---", "..."):
            block = "\n".join(lines[index + 1 : end])
            try:
                data = _load_front_matter(block) if block.strip() else {}
            except (yaml.YAMLError, RecursionError) as error:
                mark = getattr(error, "problem_mark", None)
                line = index + 2 + mark.line if mark else index + 1
                problem = getattr(error, "problem", None) or str(error) or "syntax error"
                raise SyllabusReadError(
                    f"The front matter is not valid YAML ({problem}).", line=line
                ) from None
            if not isinstance(data, dict):
                raise SyllabusReadError(
                    "The front matter must be a list of 'key: value' lines.", line=index + 1
                )
            meta: dict[str, Any] = {}
            key_lines: dict[str, int] = {}
            for key, value in data.items():
                name = str(key).strip().lower().replace(" ", "_").replace("-", "_")
                meta[name] = value
                for offset, raw in enumerate(lines[index + 1 : end]):
                    if raw.strip().lower().startswith(str(key).lower()):
                        key_lines[name] = index + 2 + offset
                        break
            return meta, key_lines, end + 1
    raise SyllabusReadError(
        "The front matter starts with --- but never ends with ---.", line=index + 1
    )


def front_matter_total(meta: dict[str, Any], key_lines: dict[str, int]) -> DeclaredTotal | None:
    """The total hours of the front matter; SyllabusReadError when it is not a sensible number."""
    for key in ("total_hours", "declared_total_hours", "declared_hours", "hours", "total"):
        if key in meta and meta[key] is not None:
            value, line = meta[key], key_lines.get(key)
            text = str(value)[:200]
            if isinstance(value, int | float) and not isinstance(value, bool):
                hours: float | None = float(value)
            else:
                found = find_duration(text)
                numbers = [t.text for t in tokens(text) if t.is_digits]
                if found is not None:
                    hours = found.hours
                elif len(numbers) == 1 and "e+" not in text.lower() and "e-" not in text.lower():
                    hours = float(numbers[0])  # "80", "about 80"
                else:
                    hours = None
            if hours is None or not math.isfinite(hours):
                raise SyllabusReadError(
                    f"The declared total hours {text[:40]!r} is not a number.", line=line
                )
            if not 0 < hours <= MAX_DECLARED_HOURS:
                raise SyllabusReadError(
                    f"The declared total hours {hours:g} is not between 0 and {MAX_DECLARED_HOURS:g}.",
                    line=line,
                )
            return DeclaredTotal(hours, f"{key}: {text}", line, "front matter")
    return None
