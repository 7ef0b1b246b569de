"""Time the syllabus reader alone: a 200-page Word document, 5,000 sessions, a 300-page PDF.

Run: .venv/bin/python bench/bench_parse.py  (prints CPU seconds per reading, the fastest of a few
runs, and the work each reading counted against its budget: CPU time, outline nodes, bytes)
"""

from __future__ import annotations

import gc
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.syllabus import durations, parser  # noqa: E402 (after the project root is put on sys.path)
from app.syllabus.limits import Budget  # noqa: E402 (after the project root is put on sys.path)
from app.syllabus.parser import parse  # noqa: E402 (after the project root is put on sys.path)
from app.syllabus.readers import read_document  # noqa: E402 (after the project root is put on sys.path)
from bench.bench_check import PHRASES  # noqa: E402 (after the project root is put on sys.path)

# Eight session topics: the first six of bench_check's, then two of its later ones.
TOPICS = [*PHRASES[:6], "Ethics and boundaries", "Safety planning"]
FILLER = (
    "Participants practise the skill in pairs, then discuss in the large group what helped and "
    "what got in the way, and write one sentence about how they will use it at work."
)


def word_document(pages: int) -> bytes:
    """A Word file of about ``pages`` pages: a day heading, sessions in Heading 2, prose, a table."""
    from docx import Document

    document = Document()
    document.add_heading("Peer Support Core Training (80 hours)", level=1)
    for page in range(pages):
        document.add_heading(f"Day {page + 1}", level=1)
        for index in range(3):
            topic = TOPICS[(page + index) % len(TOPICS)]
            document.add_heading(f"Session {page * 3 + index + 1}: {topic} (2 hours)", level=2)
            for _ in range(3):
                document.add_paragraph(FILLER)
            document.add_paragraph("Role play with feedback", style="List Bullet")
        table = document.add_table(rows=3, cols=2)
        for row, (topic, hours) in enumerate(
            [("Topic", "Hours"), ("Review", "1"), ("Quiz", "0.5")]
        ):
            table.cell(row, 0).text, table.cell(row, 1).text = topic, hours
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def sessions_text(count: int, *, own_sentences: bool = False) -> str:
    """``count`` sessions, each with a sentence: the same one, or one of its own (handout N)."""
    lines = ["# Generated course", ""]
    for index in range(count):
        body = f"{FILLER} Handout {index + 1} goes home with them." if own_sentences else FILLER
        lines += [f"## Session {index + 1}: {TOPICS[index % len(TOPICS)]} (2 hours)", body, ""]
    return "\n".join(lines)


def _forget() -> None:
    """Empty the reader's caches of words and durations, so each run reads the text afresh."""
    for cached in (durations.tokens, durations.find_durations, parser.classify):
        cached.cache_clear()


def fastest(work, repeats: int) -> float:
    """The fastest CPU time of ``repeats`` runs, each with empty caches and the collector paused
    (as app.syllabus.services reads)."""
    best = float("inf")
    gc.disable()
    for _ in range(repeats):
        _forget()
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    gc.enable()
    return best


def counted(text: str) -> Budget:
    """The work one reading counts against its budget (caches empty, collector paused)."""
    budget = Budget()
    fastest(lambda: parse(text, budget=budget), 1)
    return budget


def main() -> None:
    data = word_document(200)
    text = read_document(data, "course.docx")
    seconds = fastest(lambda: read_document(data, "course.docx"), 3)
    print(
        f"200-page Word document ({len(data) / 1e3:.0f} kB, {len(text):,} characters, {text.count(chr(10)):,} lines)"
    )
    print(f"  read .docx to text:          {seconds:6.3f} s CPU")
    parse_seconds = fastest(lambda: parse(text), 3)
    print(f"  parse the text:              {parse_seconds:6.3f} s CPU")
    print(f"  total:                       {seconds + parse_seconds:6.3f} s CPU (target < 1 s)")
    print(f"  work counted: {counted(text).describe()}")
    five = sessions_text(5000)
    seconds = fastest(lambda: parse(five), 3)
    print(f"5,000 sessions ({len(five) / 1e6:.1f} MB of text)")
    print(f"  parse:                       {seconds:6.3f} s CPU (target < 0.5 s)")
    print(f"  work counted: {counted(five).describe()}")
    own = sessions_text(5000, own_sentences=True)
    seconds = fastest(lambda: parse(own), 3)
    print(f"5,000 sessions, each with a sentence of its own ({len(own) / 1e6:.1f} MB of text)")
    print(f"  parse:                       {seconds:6.3f} s CPU (target < 0.5 s)")


if __name__ == "__main__":
    main()
