"""The links in a plain-text email, for the local mail viewer (pure: no Flask, no database)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# An http(s) address up to the next space or angle bracket; a closing punctuation mark that
# ends a sentence is not part of it.
_LINK = re.compile(r"https?://[^\s<>\"']+")
_TRAILING = ".,;:!?)]}"


@dataclass(frozen=True)
class Part:
    """A run of an email's text: a link (``is_link``) or plain text."""

    text: str
    is_link: bool = False


def split_links(text: str) -> list[Part]:
    """``text`` cut into plain runs and links, in order; joined back they give ``text``."""
    parts: list[Part] = []
    position = 0
    for match in _LINK.finditer(text or ""):
        link = match.group(0).rstrip(_TRAILING)
        start, end = match.start(), match.start() + len(link)
        if start > position:
            parts.append(Part(text[position:start]))
        parts.append(Part(link, True))
        position = end
    if position < len(text or ""):
        parts.append(Part(text[position:]))
    return parts


def links_in(text: str) -> list[str]:
    """The links of ``text``, in order, each once."""
    return list(dict.fromkeys(part.text for part in split_links(text) if part.is_link))
