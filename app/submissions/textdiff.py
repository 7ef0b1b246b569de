"""Word-level differences of each module's text between two versions of a syllabus (pure).

A module's text is every line of the syllabus from its heading to the next module's heading:
its title, hours, competencies, description, objectives, assessment and any other field. The
modules of two versions are paired by title (as ``diff.diff_reports`` pairs them), then the
rest in order when their texts are alike (a renamed module); each pair is compared word by
word with difflib. The segments are plain strings: the page escapes them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

SAME, INSERTED, DELETED = "same", "ins", "del"

# A rename pairs two modules whose texts are at least this alike (difflib's ratio, 0 to 1).
RENAME_SIMILARITY = 0.5

PREAMBLE = "Before the first module"

# White space, a word (hyphens and apostrophes inside it kept), or one other character
# (so "(4 hours)" changes as "4").
_TOKEN = re.compile(r"\s+|\w+(?:[-'’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    """A run of text that is the same in both versions, inserted, or deleted."""

    kind: str  # same | ins | del
    text: str


@dataclass
class ModuleTextDiff:
    """One module's text compared: ``status`` is changed, added or removed."""

    title: str
    status: str
    segments: list[Segment] = field(default_factory=list)
    old_title: str = ""

    @property
    def inserted(self) -> list[str]:
        return [s.text.strip() for s in self.segments if s.kind == INSERTED and s.text.strip()]

    @property
    def deleted(self) -> list[str]:
        return [s.text.strip() for s in self.segments if s.kind == DELETED and s.text.strip()]


def tokens(text: str) -> list[str]:
    """Words, punctuation and the white space between them; joined, they give the text back."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """The segments that turn ``old`` into ``new``, compared word by word (white space kept)."""
    a, b = tokens(old), tokens(new)
    # Compare on words with white space folded, so a re-wrapped line is not a change.
    matcher = difflib.SequenceMatcher(
        None, [_fold(t) for t in a], [_fold(t) for t in b], autojunk=False
    )
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(segments, SAME, "".join(b[j1:j2]))
            continue
        if op in ("delete", "replace"):
            _append(segments, DELETED, "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _append(segments, INSERTED, "".join(b[j1:j2]))
    return segments


def _fold(token: str) -> str:
    return " " if token.isspace() else token


def _append(segments: list[Segment], kind: str, text: str) -> None:
    if kind != SAME and text.isspace():
        kind = SAME  # a change of white space alone is not shown as a change
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


def changed(segments: list[Segment]) -> bool:
    return any(s.kind != SAME for s in segments)


def module_texts(text: str, modules: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Each module's (title, text): its lines from its heading to the next module's; the text
    before the first module comes first as ``PREAMBLE`` when it holds anything."""
    lines = text.splitlines()
    starts = sorted(
        {int(m["line"]): str(m.get("title", "")) for m in modules if _valid_line(m, lines)}.items()
    )
    blocks: list[tuple[str, str]] = []
    first = starts[0][0] if starts else len(lines) + 1
    preamble = "\n".join(lines[: first - 1]).strip()
    if preamble:
        blocks.append((PREAMBLE, preamble))
    for index, (line, title) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        blocks.append((title, "\n".join(lines[line - 1 : end]).strip()))
    return blocks


def _valid_line(module: dict[str, Any], lines: list[str]) -> bool:
    line = module.get("line")
    return isinstance(line, int) and 1 <= line <= len(lines)


def _key(title: str) -> str:
    return " ".join(title.lower().split())


def diff_module_texts(
    old_text: str,
    old_modules: list[dict[str, Any]],
    new_text: str,
    new_modules: list[dict[str, Any]],
) -> list[ModuleTextDiff]:
    """The modules whose text differs between two versions, in the new version's order (then the
    removed ones): each changed, added or removed, with its word-level segments."""
    before = module_texts(old_text, old_modules)
    after = module_texts(new_text, new_modules)
    old_by_key: dict[str, tuple[int, str, str]] = {}
    for index, (title, body) in enumerate(before):
        old_by_key.setdefault(_key(title), (index, title, body))
    paired: dict[int, int] = {}  # new index -> old index
    for index, (title, _body) in enumerate(after):
        found = old_by_key.get(_key(title))
        if found is not None and found[0] not in paired.values():
            paired[index] = found[0]
    _pair_renamed(before, after, paired)
    results: list[ModuleTextDiff] = []
    for index, (title, body) in enumerate(after):
        if index not in paired:
            results.append(ModuleTextDiff(title, "added", [Segment(INSERTED, body)]))
            continue
        old_title, old_body = before[paired[index]]
        segments = word_diff(old_body, body)
        if changed(segments):
            renamed = old_title if _key(old_title) != _key(title) else ""
            results.append(ModuleTextDiff(title, "changed", segments, old_title=renamed))
    kept = set(paired.values())
    for index, (title, body) in enumerate(before):
        if index not in kept:
            results.append(ModuleTextDiff(title, "removed", [Segment(DELETED, body)]))
    return results


def _pair_renamed(
    before: list[tuple[str, str]], after: list[tuple[str, str]], paired: dict[int, int]
) -> None:
    """Pair the modules left over, in order, when their texts are alike enough."""
    left_old = [i for i in range(len(before)) if i not in paired.values()]
    left_new = [i for i in range(len(after)) if i not in paired]
    for new_index in left_new:
        for old_index in left_old:
            ratio = difflib.SequenceMatcher(
                None, _words(before[old_index][1]), _words(after[new_index][1]), autojunk=False
            ).ratio()
            if ratio >= RENAME_SIMILARITY:
                paired[new_index] = old_index
                left_old.remove(old_index)
                break


def _words(text: str) -> list[str]:
    return [t.lower() for t in tokens(text) if t[0].isalnum() or t[0] == "_"]
