"""Citations in words for people: the document and section, not seed files or line numbers (pure).

The data files keep the seed file and line of everything they transcribe, for whoever corrects
them. Pages and exports show the section of the Guidelines (or the name of the other document)
instead: ``cite("App. J (line 1116); App. A", seed)`` is "App. J; App. A".
"""

from __future__ import annotations

import re

GUIDELINES = "Guidelines, Standards & Procedures (2024)"
SEED_DOCUMENTS = {
    "001_e620bba8f7793082.txt": GUIDELINES,
    "000_fe8efca518af8382.txt": "Justice-Involved specialization landscape analysis",
    "003_69833266db5cd43a.txt": "Crisis Care specialization core competencies",
    "002_9ab93d0fdaf25a26.txt": "SAMHSA GAINS Center draft competencies",
    "004_cf7d850481785f83.txt": "a training provider's participant workbook",
}
# Short names the data uses for the other documents.
ABBREVIATIONS = {
    "JI-LA": "Justice-Involved landscape analysis",
    "CC": "Crisis Care competencies",
    "WB": "participant workbook",
    "GAINS": "GAINS draft competencies",
}
_NUMBERS = r"\d+(?:\s*[-–]\s*\d+)?(?:\s*(?:,|and|y)\s*\d+(?:\s*[-–]\s*\d+)?)*"
# "line"/"lines", and the Spanish "línea"/"líneas" of competencies/es (the same references).
_LINE = r"(?:lines?|l[ií]neas?)"
# "(line 12)", "(lines 60-62)", "(seed 001)", "(seed 001 lines 1075-1095)": nothing else inside.
_ONLY_REFERENCE = re.compile(rf"\s*\((?:seed \d{{3}})?\s*(?:{_LINE} {_NUMBERS})?\)")
# A reference leading a longer parenthesis: "(seed 001 line 1086: ...", "(lines 60-62, garbled ..."
_LEADING_REFERENCE = re.compile(rf"\((?:seed \d{{3}}\s*)?{_LINE} {_NUMBERS}(?::|,)?\s*")
# A reference inside a sentence: "seed 001 lines 1075-1095", "line 1171", "seed 003".
_INLINE_REFERENCE = re.compile(rf"(?:,\s*|\s)?(?:on |at )?(?:seed \d{{3}}\s*)?{_LINE} {_NUMBERS}")
_SEED = re.compile(r"\s*\(?seed \d{3}\)?")
_FILE_IN_PARENS = re.compile(r"\s*\(\d{3}_[0-9a-f]{16}\.txt\)|,\s*\d{3}_[0-9a-f]{16}\.txt")
_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
# A sentence about the seed files themselves ("Each competency names the lines of that seed ...").
_SEED_SENTENCE = re.compile(r"(?:^|(?<=[.;]\s))[^.;]*\bseeds?\b[^.;]*[.;]\s*")


def _expand(section: str) -> str:
    for short, long in ABBREVIATIONS.items():
        section = re.sub(rf"(?<![\w-]){re.escape(short)}(?![\w-])", long, section)
    return section


def plain(text: str) -> str:
    """``text`` without seed files, seed numbers or line numbers."""
    text = _ONLY_REFERENCE.sub("", text or "")
    text = _LEADING_REFERENCE.sub("(", text)
    text = _INLINE_REFERENCE.sub("", text)
    text = _SEED.sub("", text)
    text = _FILE_IN_PARENS.sub("", text)
    text = _FILE.sub("the source document", text)
    text = _SEED_SENTENCE.sub("", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def cite(section: str, seed: str = "") -> str:
    """The section in words; the document's name too when it is not the Guidelines."""
    words = _expand(plain(section))
    document = SEED_DOCUMENTS.get(seed)
    if document and document != GUIDELINES and document not in words:
        named = any(long in words for long in ABBREVIATIONS.values())
        if not named:
            words = f"{words}, {document}" if words else document
    return words or (document or "")
