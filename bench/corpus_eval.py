"""Print the checker's scores on the syllabus corpus, syllabus by syllabus and per half.

Run: .venv/bin/python bench/corpus_eval.py [HALF ...]   (HALF: dev, heldout, fresh, fresh2, fresh3, fresh4, fresh5; default all)

Per syllabus: hours, declared totals, the verdict (ok, BAD, or ASK when it is "needs
confirmation", which never passes), competency pairs, the number of corrections a provider
would make to bring the reading to the sidecar's (wrong session hours, sessions missed or
counted twice, wrong totals, doubts confirmed) and whether the verdict is then right. Per set:
right with no correction, needs confirmation, corrections needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.syllabus.corpus_scoring import main  # noqa: E402

if __name__ == "__main__":
    main(sys.argv[1:] or ["dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5"])
