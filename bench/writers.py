"""Commits a second of concurrent writers on independent rows: through the app's session (every
hook the app installs on it) and through a bare SQLAlchemy session on the same database.

    .venv/bin/python bench/writers.py --database-url postgresql+psycopg://…/db --writers 16

Each writer changes its own CE entry (a write the audit log does not record, so the figure is the
session's and the database's, not the audit chain's) and commits, as fast as it can, for
``--seconds``; the database is any that bench/load.py filled (the rows get new hours).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _run(writers: int, seconds: float, write) -> float:
    counts = [0] * writers
    start = threading.Barrier(writers + 1)
    deadline: list[float] = []

    def loop(n: int) -> None:
        start.wait()
        while time.perf_counter() < deadline[0]:
            write(n, counts[n])
            counts[n] += 1

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    deadline.append(time.perf_counter() + seconds)
    start.wait()
    for t in threads:
        t.join()
    return sum(counts) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from app import create_app
    from app.ce.models import CEEntryRecord
    from app.extensions import db

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": args.database_url,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": args.writers + 2},
        }
    )
    with app.app_context():
        ids = db.session.scalars(select(CEEntryRecord.id).limit(args.writers)).all()
    if len(ids) < args.writers:
        raise SystemExit("load the database first (bench/load.py)")

    def through_app(n: int, i: int) -> None:
        with app.app_context():
            entry = db.session.get(CEEntryRecord, ids[n])
            entry.hours = 1 + i % 7
            db.session.commit()

    engine = create_engine(args.database_url, pool_size=args.writers + 2)

    def bare(n: int, i: int) -> None:
        with Session(engine) as session:
            entry = session.get(CEEntryRecord, ids[n])
            entry.hours = 1 + i % 7
            session.commit()

    rates: dict[str, list[float]] = {"bare SQLAlchemy session": [], "the app's session": []}
    for _ in range(args.rounds):  # alternated, so a busy moment weighs on both alike
        rates["bare SQLAlchemy session"].append(_run(args.writers, args.seconds, bare))
        rates["the app's session"].append(_run(args.writers, args.seconds, through_app))
    for name, found in rates.items():
        each = ", ".join(f"{r:.0f}" for r in found)
        print(f"{name}: {max(found):.0f} commits/s at best with {args.writers} writers ({each})")


if __name__ == "__main__":
    main()
