"""Sentences as a reader meets them: rejoined across hard line breaks, split where they end (pure).

Text copied from a PDF breaks a sentence wherever the page's line ended ("Participants must have
completed the" / "80-hour core training before enrolling.") and pads words with double spaces.
The cues that tell a course's total from a prerequisite read whole sentences, so a line that
cannot end a sentence is joined to the next before any cue is read, and runs of spaces count as
one.
"""

from __future__ import annotations

from app.syllabus.folding import fold

# A line that ends on one of these words has not ended its sentence.
OPEN_ENDINGS = frozenset(
    {
        "a", "an", "the", "of", "to", "for", "in", "on", "at", "by", "with", "from", "and",
        "or", "but", "than", "as", "is", "are", "was", "be", "lasts", "last", "total",
        "totals", "totaling", "over", "about", "approximately", "least", "all", "this",
        "these", "our", "their", "its", "each", "every", "must", "will", "who", "that",
        "which", "de", "del", "la", "el", "los", "las", "y", "o", "en", "por", "con", "para",
        "que", "un", "una", "al",
    }
)  # fmt: skip
SENTENCE_ENDS = ".!?;"
MIN_OPEN_WORDS = 3  # "Hope and" alone is more likely a title cut short than a sentence


def ends_open(line: str) -> bool:
    """True when ``line`` is prose that stops mid-sentence (on an article, a preposition, "and")."""
    words = line.split()
    if len(words) < MIN_OPEN_WORDS or line.rstrip()[-1:] in SENTENCE_ENDS + ":)]|":
        return False
    return fold(words[-1].strip(",")) in OPEN_ENDINGS


def prose_sentences(text: str) -> list[str]:
    """The sentences of a paragraph: split after . ! ? ; followed by a space and a capital or digit.

    Two spaces are read as one, so "…40 hours.  Meals are…" splits as a single space would; a
    wider gap separates columns ("8:00–10:15 a.m.      Who we are"), never sentences.
    """
    text = text.replace("   ", "\0").replace("  ", " ").replace("\0", "   ")
    sentences, start = [], 0
    for index, char in enumerate(text[:-2]):
        if (
            char in SENTENCE_ENDS
            and index > 0
            and (text[index - 1].isalnum() or text[index - 1] in ")”'\"")  # not "…… 6 hrs"
            and text[index + 1] == " "
            and text[max(0, index - 3) : index + 1].lower() not in ("a.m.", "p.m.")
            and (text[index + 2].isupper() or text[index + 2].isdigit())
        ):
            sentences.append(text[start : index + 1].strip())
            start = index + 2
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]
