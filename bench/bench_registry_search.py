"""Public registry search time at 10,000 and 100,000 records, on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_registry_search.py                       # SQLite (throwaway file)
    .venv/bin/python bench/bench_registry_search.py --url postgresql+psycopg://postgres@127.0.0.1:PORT/bench
    .venv/bin/python bench/bench_registry_search.py --sizes 10000 100000 --repeat 30

For each size it empties the database, loads that many records with generated names (accented
and hyphenated ones among them), and times ``app.registry.services.search`` — the count and the
first page of 25, as the public page runs them — for a set of queries: a rare surname, a common
first name, two words in reverse order, an unaccented spelling, a prefix, a certification number
and a name that matches nothing. Prints the median and the 95th percentile wall time in
milliseconds, the median CPU time of this process (on SQLite the whole search; steadier than wall
time on a busy machine) and, on PostgreSQL, the server's own execution time of the count and the
page (EXPLAIN ANALYZE).
The PostgreSQL database named by ``--url`` must be empty or a throwaway: its tables are dropped.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select

from app import create_app
from app.extensions import db
from app.registry import services
from app.registry.models import CertificationRecord

FIRST = [
    "María",
    "José",
    "Ana",
    "Luis",
    "Carlos",
    "Sofía",
    "Mateo",
    "Lucía",
    "Diego",
    "Elena",
    "Jorge",
    "Camila",
    "Andrés",
    "Valentina",
    "John",
    "Mary",
    "James",
    "Patricia",
    "Robert",
    "Linda",
    "Michael",
    "Barbara",
    "David",
    "Susan",
    "Nguyen",
    "Thi",
    "Minh",
    "Anh",
    "Wei",
    "Li",
    "Aisha",
    "Omar",
    "Fatima",
    "Kwame",
    "Ama",
    "Priya",
    "Arjun",
    "Olga",
    "Dmitri",
    "Zoë",
    "Chloé",
    "Noël",
    "Renée",
]
LAST = [
    "López",
    "Hernández",
    "García",
    "Martínez",
    "Rodríguez",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Flores",
    "Rivera",
    "Gómez",
    "Díaz",
    "Cruz",
    "Morales",
    "Ortiz",
    "Gutiérrez",
    "Chávez",
    "Ramos",
    "Ruiz",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Tran",
    "Pham",
    "Kim",
    "Park",
    "Chen",
    "Wang",
    "Singh",
    "Patel",
    "Khan",
    "O'Brien",
    "Müller",
    "Schäfer",
    "Kowalski",
    "Nowak",
    "Ivanov",
    "Okafor",
    "Mensah",
]
QUERIES = {
    "rare surname": "Okafor Zoë",
    "common first name": "maria",
    "reverse order": "Hernandez Lopez",
    "unaccented": "sofia ramirez",
    "prefix": "Gutie",
    "number": "MPSS1000042",
    "no match": "Xylophone",
}


def _names(count: int, seed: int = 22):
    rng = random.Random(seed)
    for i in range(count):
        last = rng.choice(LAST)
        if rng.random() < 0.3:
            last = f"{last}-{rng.choice(LAST)}"
        yield i, f"{rng.choice(FIRST)} {last}"


def _load(count: int) -> None:
    db.drop_all()
    db.create_all()
    now = datetime.now(UTC)
    batch = []
    for i, name in _names(count):
        batch.append(
            {
                "legal_name": name,
                "certification_number": f"MPSS{1_000_000 + i}",
                "issued_on": date(2025, 1, 1),
                "expires_on": date(2027, 1, 1),
                "status": "active",
                "action": "none",
                "specializations": [],
                "email": "",
                "created_at": now,
                "updated_at": now,
            }
        )
        if len(batch) == 5000:
            db.session.execute(insert(CertificationRecord), batch)
            batch = []
    if batch:
        db.session.execute(insert(CertificationRecord), batch)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE certification_record")


def _server_ms(q: str) -> float:
    """PostgreSQL's own execution time of the count and the first page (EXPLAIN ANALYZE)."""
    statement = services._search(db.session, q)
    count = select(func.count()).select_from(statement.subquery())
    page = statement.order_by(*services._order(q)).limit(services.PER_PAGE)
    spent = 0.0
    with db.engine.connect() as connection:
        for query in (count, page):
            sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
            for (line,) in connection.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT TEXT) " + sql):
                if line.startswith("Execution Time:"):
                    spent += float(line.split()[2])
    return spent


def _time(q: str, repeat: int) -> tuple[float, float, float, float, int]:
    """Median and 95th percentile wall time, median CPU time of this process and, on
    PostgreSQL, median server execution time (ms), and the number found."""
    services.search(db.session, q, 1, public=True)  # warm the plan and the cache once
    times, cpu, server = [], [], []
    total = 0
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        total = services.search(db.session, q, 1, public=True).total
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        db.session.rollback()
        if db.engine.dialect.name == "postgresql":
            server.append(_server_ms(q))
    times.sort()
    return (
        statistics.median(times),
        times[int(len(times) * 0.95) - 1],
        statistics.median(cpu),
        statistics.median(server) if server else float("nan"),
        total,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: a throwaway SQLite file)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{folder}/bench.sqlite3"
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            print(f"database: {db.engine.dialect.name}")
            print(
                f"{'records':>8}  {'query':<18} {'found':>6}  {'median ms':>9}  {'p95 ms':>7}"
                f"  {'cpu ms':>7}  {'server ms':>9}"
            )
            for size in args.sizes:
                started = time.perf_counter()
                _load(size)
                print(f"  (loaded {size} records in {time.perf_counter() - started:.1f} s)")
                for label, q in QUERIES.items():
                    median, p95, cpu, server, total = _time(q, args.repeat)
                    print(
                        f"{size:>8}  {label:<18} {total:>6}  {median:>9.2f}  {p95:>7.2f}"
                        f"  {cpu:>7.2f}  {server:>9.2f}"
                    )
            db.drop_all()
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
