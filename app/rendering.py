"""User-supplied Markdown to safe HTML in time linear in its size, then sanitized with nh3.

markdown-it-py reads CommonMark in linear time, but some characters cost far more than others
(an unclosed "[" is tried as the start of a link: up to 36 µs each, "![" 76 µs, a list item's
line 30 µs, against 0.03 µs for a letter). Before rendering, the text's cost is estimated from its length and its
count of those characters, and the most quote and list levels a line opens
bounds how deeply blocks can nest. Text over either budget is shown as escaped plain text,
whose cost is a copy. Raw HTML is off, so any tag in user text is shown as text.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Estimated cost in microseconds of CPU on an idle core, measured with bench/bench_hostile.py:
# every character costs about 1, a line up to 32 (list items), a "[" up to 36 (tried as a link's
# start; "![" 40 more), a "*" or "_" up to 12 (delimiter runs like "**a**a"), a "|" up to 10
# (table cells), and "`", "\\", "<", "&", "]" up to 4 each. A machine shared with other work
# was measured at 2.5 times these, which the budget leaves room for.
CHAR_COST = 1
LINE_COST = 32
BRACKET_COST = 36
IMAGE_COST = 40
EMPHASIS_COST = 12
CELL_COST = 10
SPECIAL_COST = 4
SPECIAL_CHARS = "`\\<&]"
MAX_RENDER_COST = 200_000  # 0.2 s of CPU estimated at most; costlier text is shown as plain text
MAX_DEPTH = 32  # quote and list levels a line may open (two spaces of indentation count as one)
MAX_NESTING = 64  # markdown-it's own limit, above what MAX_DEPTH lets a line open

_markdown = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable("table")


def estimated_cost(text: str) -> int:
    """The CPU microseconds rendering ``text`` may take, at most (one pass per counted character)."""
    return (
        CHAR_COST * len(text)
        + LINE_COST * (text.count("\n") + text.count("\r"))
        + BRACKET_COST * text.count("[")
        + IMAGE_COST * text.count("![")
        + EMPHASIS_COST * (text.count("*") + text.count("_"))
        + CELL_COST * text.count("|")
        + SPECIAL_COST * sum(text.count(char) for char in SPECIAL_CHARS)
    )


def line_depth(line: str) -> int:
    """How many quote and list levels the start of ``line`` can open, at most.

    Each ">" and each list marker followed by a space ("- ", "* ", "+ ", "1. ", "1) ") is a
    level, and so are every two spaces of indentation (a nested list is indented under its
    parent); the scan stops at the first other character, so it reads each line's start once.
    """
    levels = spaces = index = 0
    length = len(line)
    while index < length:
        char = line[index]
        if char == " ":
            spaces += 1
        elif char == "\t":
            spaces += 4
        elif char == ">" or (char in "-*+" and (index + 1 == length or line[index + 1] in " \t")):
            levels += 1
        elif char.isdigit():
            end = index
            while end < length and end - index < 10 and line[end].isdigit():
                end += 1
            if end < length and line[end] in ".)" and (end + 1 == length or line[end + 1] in " \t"):
                levels += 1
                index = end
            else:
                break
        else:
            break
        index += 1
    return levels + spaces // 2


def deepest_line(text: str) -> int:
    """The most quote and list levels any line of ``text`` can open."""
    return max((line_depth(line) for line in text.splitlines()), default=0)


def renders_as_markdown(text: str) -> bool:
    """Whether ``text`` is within the budgets that keep rendering it fast and complete."""
    if CHAR_COST * len(text) > MAX_RENDER_COST:
        return False
    return estimated_cost(text) <= MAX_RENDER_COST and deepest_line(text) <= MAX_DEPTH


def plain_text(text: str) -> Markup:
    """``text`` escaped, as typed, in a preformatted block (a copy: linear in its size)."""
    return Markup('<pre class="plain">') + escape(text) + Markup("</pre>")


def render_markdown(text: str) -> Markup:
    """Render untrusted Markdown to HTML that is safe to insert into a page.

    Text too long, too full of brackets or nested too deeply to render within the budget is
    shown as escaped plain text instead.
    """
    text = text or ""
    if not renders_as_markdown(text):
        return plain_text(text)
    html = _markdown.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)  # noqa: S704 (sanitized by nh3 just above)
