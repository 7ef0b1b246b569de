"""User-supplied Markdown to safe HTML: raw HTML off, then sanitized with nh3."""

from __future__ import annotations

import markdown
import nh3
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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


class _EscapeHtml(markdown.Extension):
    """Drop Markdown's raw-HTML passthrough so any tag in user text is shown as text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render_markdown(text: str) -> Markup:
    """Render untrusted Markdown to HTML that is safe to insert into a page."""
    text = text or ""
    try:
        html = markdown.markdown(text, extensions=[_EscapeHtml(), "tables", "sane_lists"])
    except RecursionError:
        # Lists nested thousands deep ("1. 1. 1. …") exhaust the renderer: show the text as typed.
        return Markup("<pre>") + escape(text) + Markup("</pre>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)  # noqa: S704 (sanitized by nh3 just above)
