"""Requests/s and p95 latency of the review queue, the provider dashboard and a curriculum page
with N curricula, served by gunicorn, next to a bare Flask "hello" on the same gunicorn settings,
driven by the same load tool in the same run.

    .venv/bin/python bench/bench_pages.py --curricula 5000
    .venv/bin/python bench/bench_pages.py --curricula 50000 --load bulk --connections 16 --seconds 10

Pages are measured twice: served by the page cache (app/pagecache: a page is rendered again only
after a write to shown data, a new sign-in, a new day or PAGE_CACHE_SECONDS) and rendered on every
request (a third server with PAGE_CACHE_BYTES=0). --writes-per-second W keeps a writer changing a
curriculum W times a second during the cached run, as reviewers and providers do, so the figures
include the pages rendered again after each change; "hit %" is the share the cache answered.

--load services (default) creates every curriculum through the services (create, submit, fee,
decisions: the audit chain included); --load bulk inserts rows directly (fast, for 50,000).
The database is a throwaway SQLite file unless DATABASE_URL names one (PostgreSQL: an empty one).
The load tool: --processes processes of threads, --connections in all, each a new HTTP/1.1
connection per request (gunicorn's sync workers close them); it runs on the same machine, so on
a small machine the bare app's figure is bounded by the client as much as by the server.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AGENT = "bench-pages"
STATES = ("submitted", "submitted", "revisions_requested", "approved", "approved", "draft")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _app(database_url: str, secret: str):
    from app import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": secret,
            "MFA_REQUIRED_ROLES": (),
            "RATE_LIMITS": {},
            "WTF_CSRF_ENABLED": False,
        }
    )


def _bulk(db, count: int, orgs: list, reviewer) -> None:
    """Insert ``count`` curricula, their first versions and submit events directly (fast)."""
    from sqlalchemy import insert

    from app.audit.models import AuditEvent
    from app.dbtypes import utcnow
    from app.submissions.models import Curriculum, CurriculumVersion
    from app.submissions.states import queue_key_of

    organizations = len(orgs)
    now = utcnow()
    batch = 5000
    for start in range(0, count, batch):
        rows = []
        for i in range(start, min(count, start + batch)):
            state = STATES[i % len(STATES)]
            rows.append(
                {
                    "organization_id": orgs[i % organizations].id,
                    "program": "core",
                    "title": f"Core training {i}",
                    "language": "English",
                    "state": state,
                    "lock_version": 1,
                    "created_at": now,
                    "is_open": state in ("submitted", "revisions_requested"),
                    "due_on": (now + timedelta(days=1 + i % 90)).date()
                    if state == "submitted"
                    else None,
                    "queue_key": queue_key_of(
                        state,
                        state in ("submitted", "revisions_requested"),
                        (now + timedelta(days=1 + i % 90)).date() if state == "submitted" else None,
                    ),
                    "fee_paid": state != "draft",
                    "fee_waived_reason": "",
                    "approved_on": now.date() if state == "approved" else None,
                    "expires_on": (now + timedelta(days=730)).date()
                    if state == "approved"
                    else None,
                    "decision_reason": "",
                }
            )
        db.session.execute(insert(Curriculum), rows)
        first = db.session.scalar(db.select(db.func.max(Curriculum.id))) - len(rows) + 1
        ids = range(first, first + len(rows))
        db.session.execute(
            insert(CurriculumVersion),
            [
                {
                    "curriculum_id": i,
                    "number": 1,
                    "syllabus_text": "",
                    "report": {},
                    "original_name": "",
                    "stored_name": "",
                    "note": "",
                    "created_at": now,
                    "is_substantive_change": False,
                }
                for i in ids
            ],
        )
        db.session.execute(
            insert(AuditEvent),
            [
                {
                    "at": now,
                    "actor_id": reviewer.id,
                    "subject_type": "curriculum",
                    "subject_id": i,
                    "action": "submit",
                    "from_state": "draft",
                    "to_state": "submitted",
                    "reason": "",
                    "details": {},
                    "seq": 10_000_000 + i,  # bulk rows stand outside the real chain
                    "prev_hash": "0" * 64,
                    "hash": "0" * 64,
                }
                for i in ids
            ],
        )
        db.session.commit()


def load(app, count: int, mode: str, organizations: int = 100) -> dict:
    """Create ``count`` curricula over ``organizations`` organizations; returns who and what to ask for."""

    from app.auth.models import Role
    from app.dbtypes import utcnow
    from app.extensions import db
    from app.policy import DEFAULT_POLICY
    from app.submissions import services
    from app.submissions.models import Curriculum
    from app.syllabus.services import check_syllabus
    from tests.factories import make_organization, make_user

    with app.app_context():
        db.create_all()
        reviewer = make_user(Role.REVIEWER)
        orgs = [make_organization() for _ in range(organizations)]
        providers = [make_user(Role.PROVIDER, organization=o) for o in orgs]
        text = (ROOT / "curricula" / "core_80_hour_passing.md").read_text(encoding="utf-8")
        report = check_syllabus(text, "core").to_dict()
        started = time.perf_counter()
        if mode == "services":
            for i in range(count):
                provider = providers[i % organizations]
                c = services.create_draft(
                    db.session,
                    provider=provider,
                    program="core",
                    title=f"Core training {i}",
                    language="English",
                    syllabus_text=text,
                    report=report,
                )
                state = STATES[i % len(STATES)]
                if state != "draft":
                    services.submit(db.session, c, provider)
                    services.confirm_fee_paid(db.session, c, reviewer)
                if state == "revisions_requested":
                    services.request_revisions(
                        db.session, c, reviewer, comments="More", expected_version=c.lock_version
                    )
                if state == "approved":
                    services.approve(db.session, c, reviewer, DEFAULT_POLICY, today=utcnow().date())
                if i % 500 == 499:
                    db.session.commit()
            db.session.commit()
        else:
            _bulk(db, count, orgs, reviewer)
            # One curriculum with a real report for the curriculum page.
            c = services.create_draft(
                db.session,
                provider=providers[0],
                program="core",
                title="Measured curriculum",
                language="English",
                syllabus_text=text,
                report=report,
            )
            services.submit(db.session, c, providers[0])
            services.confirm_fee_paid(db.session, c, reviewer)
            db.session.commit()
        loaded = time.perf_counter() - started
        measured = db.session.scalar(
            db.select(Curriculum.id)
            .where(Curriculum.organization_id == orgs[0].id, Curriculum.state == "submitted")
            .order_by(Curriculum.id.desc())
        )
        return {
            "reviewer": reviewer.email,
            "provider": providers[0].email,
            "curriculum": measured,
            "seconds": loaded,
        }


def session_cookie(app, email: str) -> str:
    from tests.factories import DEFAULT_PASSWORD

    client = app.test_client()
    # Flask-Login ties a session to the client's address and User-Agent: the bench sends AGENT.
    client.environ_base["HTTP_USER_AGENT"] = AGENT
    response = client.post("/login", data={"email": email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302, response.status_code
    client.get("/")  # the session as it stands after the first signed-in request
    cookie = client.get_cookie("session")
    return f"{cookie.key}={cookie.value}"


def _worker(port, path, cookie, seconds, threads, queue):
    latencies: list[float] = []
    sizes: list[int] = []
    errors = [0]
    hits = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def run():
        mine, mine_sizes, bad, hit = [], [], 0, 0
        headers = {"Cookie": cookie, "User-Agent": AGENT}
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                body = response.read()
                hit += response.getheader("X-Page-Cache") == "hit"
                conn.close()
            except OSError:
                bad += 1
                continue
            if response.status != 200:
                bad += 1
                continue
            mine.append(time.perf_counter() - start)
            mine_sizes.append(len(body))
        with lock:
            latencies.extend(mine)
            sizes.extend(mine_sizes)
            errors[0] += bad
            hits[0] += hit

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    queue.put((latencies, sizes, errors[0], hits[0]))


def drive(port, path, cookie, *, seconds, connections, processes) -> dict:
    """``connections`` clients in ``processes`` processes asking for ``path`` for ``seconds``."""
    queue = multiprocessing.Queue()
    per = [
        connections // processes + (1 if i < connections % processes else 0)
        for i in range(processes)
    ]
    procs = [
        multiprocessing.Process(target=_worker, args=(port, path, cookie, seconds, n, queue))
        for n in per
        if n
    ]
    for p in procs:
        p.start()
    latencies, sizes, errors, hits = [], [], 0, 0
    for _ in procs:
        lat, size, bad, hit = queue.get()
        latencies += lat
        sizes += size
        errors += bad
        hits += hit
    for p in procs:
        p.join()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    return {
        "rps": len(latencies) / seconds,
        "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95": p95 * 1000,
        "bytes": int(statistics.mean(sizes)) if sizes else 0,
        "errors": errors,
        "hit": 100 * hits / len(latencies) if latencies else 0.0,
    }


def serve(module: str, port: int, workers: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            module,
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{module} did not start")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def one_request(port: int, path: str, cookie: str) -> float:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie, "User-Agent": AGENT})
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status == 200, (path, response.status, response.getheader("Location"))
    return (time.perf_counter() - start) * 1000


class Writer(threading.Thread):
    """Changes one curriculum's title ``per_second`` times a second until stopped."""

    def __init__(self, app, curriculum_id: int, per_second: float) -> None:
        super().__init__(daemon=True)
        self.app, self.curriculum_id, self.per_second = app, curriculum_id, per_second
        self.done = threading.Event()
        self.writes = 0

    def run(self) -> None:
        from app.extensions import db
        from app.submissions.models import Curriculum

        with self.app.app_context():
            while not self.done.wait(1 / self.per_second):
                curriculum = db.session.get(Curriculum, self.curriculum_id)
                curriculum.title = f"Measured curriculum, edit {self.writes}"
                db.session.commit()
                self.writes += 1


def _table(results: dict, base: float, cached: bool) -> None:
    print(
        "| page | bytes | one request ms | requests/s | % of bare | p50 ms | p95 ms | hit % | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for path, (single, r) in results.items():
        hit = f"{r['hit']:.1f}" if cached else "-"
        print(
            f"| {path} | {r['bytes']:,} | {single:.1f} | {r['rps']:.0f} | "
            f"{100 * r['rps'] / base:.0f} % | {r['p50']:.0f} | {r['p95']:.0f} | {hit} | {r['errors']} |"
        )


def _report(args, database_url: str, bares: tuple, cached: dict, uncached, writer) -> None:
    bare, bare_again = bares
    base = (bare["rps"] + bare_again["rps"]) / 2
    print(
        f"gunicorn --workers {args.workers} (sync), {args.connections} connections in "
        f"{args.processes} processes, {args.seconds:g} s per page, {os.cpu_count()} CPUs, "
        f"{'PostgreSQL' if database_url.startswith('postgresql') else 'SQLite'}"
    )
    print(
        f"bare Flask hello: {bare['rps']:.0f} and {bare_again['rps']:.0f} requests/s (before and after)"
    )
    changes = f", a curriculum changed {args.writes_per_second:g} times a second" if writer else ""
    print(f"\nWith the page cache{changes}:")
    _table(cached, base, cached=True)
    if writer is not None:
        print(f"({writer.writes} changes committed during the run)")
    if uncached is not None:
        print("\nRendered on every request (PAGE_CACHE_BYTES=0):")
        _table(uncached, base, cached=False)


def _environment(database_url: str, secret: str) -> dict[str, str]:
    """The servers' environment: the bench's database and key, no mail, the default cache."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secret,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("MAIL_SERVER", None)
    env.pop("PAGE_CACHE_BYTES", None)
    return env


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curricula", type=int, default=5000)
    parser.add_argument("--load", choices=("services", "bulk"), default="services")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--writes-per-second", type=float, default=0)
    parser.add_argument("--no-uncached", action="store_true", help="skip the uncached server")
    return parser.parse_args()


def main() -> None:
    args = _arguments()

    folder = tempfile.mkdtemp(prefix="bench-pages-")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    secret = secrets.token_hex(16)
    app = _app(database_url, secret)
    found = load(app, args.curricula, args.load)
    print(f"{args.curricula} curricula loaded ({args.load}) in {found['seconds']:.1f} s")
    reviewer_cookie = session_cookie(app, found["reviewer"])
    provider_cookie = session_cookie(app, found["provider"])

    env = _environment(database_url, secret)
    pages = [
        ("/review", reviewer_cookie),
        ("/review?view=all&sort=deadline&page=40", reviewer_cookie),
        ("/provider", provider_cookie),
        (f"/curricula/{found['curriculum']}", provider_cookie),
        (f"/review/{found['curriculum']}", reviewer_cookie),
    ]
    settings = dict(seconds=args.seconds, connections=args.connections, processes=args.processes)

    def measure(port: int, writer: Writer | None = None) -> dict:
        for path, cookie in pages * (2 * args.workers):  # every worker warmed up on every page
            one_request(port, path, cookie)
        single = {
            path: statistics.median(one_request(port, path, cookie) for _ in range(5))
            for path, cookie in pages
        }
        if writer is not None:
            writer.start()
        try:
            return {
                path: (single[path], drive(port, path, cookie, **settings))
                for path, cookie in pages
            }
        finally:
            if writer is not None:
                writer.done.set()
                writer.join()

    hello_port = _free_port()
    hello = serve("bench.hello_app:app", hello_port, args.workers, env)
    try:
        bare = drive(hello_port, "/", "", **settings)
        port = _free_port()
        server = serve("bench.pages_app:app", port, args.workers, env)
        writer = (
            Writer(app, found["curriculum"], args.writes_per_second)
            if args.writes_per_second
            else None
        )
        try:
            cached = measure(port, writer)
        finally:
            stop(server)
        uncached = None
        if not args.no_uncached:
            port = _free_port()
            server = serve(
                "bench.pages_app:app", port, args.workers, {**env, "PAGE_CACHE_BYTES": "0"}
            )
            try:
                uncached = measure(port)
            finally:
                stop(server)
        bare_again = drive(hello_port, "/", "", **settings)
    finally:
        stop(hello)
    _report(args, database_url, (bare, bare_again), cached, uncached, writer)


if __name__ == "__main__":
    main()
