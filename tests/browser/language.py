"""Checks of a page in a given interface language: its ``lang``, no English left in a Spanish
page, and axe-core with nothing scrolling sideways at 1280 and 390 px."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from tests.browser.artifacts import ARTIFACTS
from tests.browser.axe import assert_accessible

PO = Path(__file__).resolve().parents[2] / "app/translations/es/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)s")
LANGUAGES = ("en", "es")
WIDTHS = (1280, 390)
# Words of any English sentence or label that never occur in Spanish text: one of them left on a
# Spanish page is text the catalogue does not hold yet.
ENGLISH_WORDS = (
    "the",
    "and",
    "of",
    "with",
    "your",
    "this",
    "for",
    "is",
    "are",
    "not",
    "or",
    "to",
    "from",
    "by",
    "you",
    "has",
    "have",
    "will",
    "what",
    "which",
    "each",
    "every",
)


def english_phrases() -> set[str]:
    """The literal parts of every translated msgid that are long enough to mean something, less
    those the Spanish text itself keeps (a value a file must hold in English, say)."""
    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    spanish = " ".join(
        s
        for m in catalogue
        if m.id
        for s in ([m.string] if isinstance(m.string, str) else m.string)
    )
    phrases = set()
    for message in catalogue:
        if not message.id or isinstance(message.id, tuple) or message.string == message.id:
            continue
        for part in PLACEHOLDER.split(message.id.replace("&amp;", "&").replace("%%", "%")):
            part = part.strip(" .,:;()—–·")
            if len(part.split()) >= 2 and part not in spanish:
                phrases.add(part)
    return phrases


ENGLISH = english_phrases()


def visible_text(page, ignore: str = "", within: str = "") -> str:
    """The body's text (or that of the elements ``within`` selects), without the elements
    ``ignore`` selects (data shown as it was typed)."""
    text = page.evaluate(
        """([ignore, within]) => {
        const body = document.body.cloneNode(true);
        if (ignore) body.querySelectorAll(ignore).forEach((el) => el.remove());
        body.querySelectorAll('script, style, [hidden]').forEach((el) => el.remove());
        if (!within) return body.textContent;
        return Array.from(body.querySelectorAll(within), (el) => el.textContent).join(' ');
    }""",
        [ignore, within],
    )
    return " ".join(text.split())


def untranslated(page, ignore: str = "", within: str = "") -> list[str]:
    """English phrases of the catalogue and English words found in the page's text."""
    text = visible_text(page, ignore, within)
    found = [p for p in ENGLISH if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)]
    found += [
        f"{w!r} in …{text[max(m.start() - 40, 0) : m.end() + 40]}…"
        for w in ENGLISH_WORDS
        if (m := re.search(rf"(?<![\w@.-]){w}(?![\w@.-])", text, re.I))
    ]
    return sorted(found)


def open_in(browser, url: str, language: str, email: str | None = None, password: str = ""):
    """A new page whose browser asks for ``language`` (the switch's cookie), signed in as
    ``email`` when given (an account without a saved language follows the cookie)."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    context.add_cookies([{"name": "locale", "value": language, "url": url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    if email:
        page.goto(url + "/login")
        page.fill("#email", email)
        page.fill("#password", password)
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert page.get_attribute("html", "lang") == language
    return page


def check_page(page, language: str, label: str, *, ignore: str = "", within: str = "") -> None:
    """The page is in ``language``, passes axe and fits at each width; on a Spanish page no
    English is left (in the parts ``within`` selects, when the rest is not translated yet)."""
    assert page.get_attribute("html", "lang") == language, label
    if language == "es":
        left = untranslated(page, ignore, within)
        assert left == [], f"{label}: English left on the Spanish page: {left}"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        if language == "es" and width < WIDTHS[0]:
            # Kept for a person to look at: the longer Spanish text on a phone.
            name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
            (ARTIFACTS / "es-390px").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "es-390px" / f"{name}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{label} ({language}) at {width} px is {overflow} px too wide"
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
