"""Drive the app as its users do, next to a bare Flask app on the same gunicorn settings.

    .venv/bin/python bench/drive.py --database-url URL --accounts bench-accounts.json \\
        --connections 16 --seconds 30 --writes-per-second 2 --json run-0.1.json
    .venv/bin/python bench/drive.py --compare run-0.1.json run-1.json

The database is one bench/load.py filled. The driver serves it with gunicorn (bench/pages_app.py:
no second factor, no rate limits for the run) and bench/hello_app.py with the same settings,
signs in users of every role (providers, reviewers, peers, an administrator; records of
different loaded copies), checks that every page of the mix answers 200 for records of the first,
a middle and the last copy, warms the workers up with the mix for a few seconds, then:

1. each page alone (``--page-seconds``, 4 connections): p50/p95 and the workers' CPU per request,
   read from /proc (utime + stime of every gunicorn worker, before and after);
2. the mix (``--connections`` in all, every role on its pages at once) while a writer adds CE
   entries over HTTP at ``--writes-per-second``: per page p50/p95, requests/s, and the bare Flask
   app's requests/s with the same connections in the same run;
3. in this process, the DHCS report and a records-review draw (rolled back), CPU and wall time.

``--compare`` prints, per page, how the CPU per request grew from one run to the other. The load
tool runs on the same machine as the servers, so on a small machine its figures include the
client's share of the CPU; a shared machine adds noise: say so with the figures.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import PASSWORD, TODAY, _unique  # noqa: E402

ROLES = {"provider": 4, "reviewer": 4, "peer": 6, "admin": 1}
TICKS = os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(module: str, port: int, workers: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--timeout",
            "120",
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
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{module} did not start")


def _workers_cpu(master: int) -> float:
    """CPU seconds (user + system) of the gunicorn workers of ``master``."""
    total = 0.0
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def _request(port: int, method: str, url: str, cookie: str = "", body: str = ""):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, url, body=body or None, headers=headers)
    response = connection.getresponse()
    data = response.read()
    set_cookie = response.getheader("Set-Cookie") or ""
    connection.close()
    return response.status, data, set_cookie


def _cookie_from(set_cookie: str, cookie: str) -> str:
    found = re.match(r"((?:__Host-)?session=[^;]*)", set_cookie)
    return found.group(1) if found else cookie


def _csrf(port: int, url: str, cookie: str) -> tuple[str, str]:
    status, data, set_cookie = _request(port, "GET", url, cookie)
    cookie = _cookie_from(set_cookie, cookie)
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', data)
    if status != 200 or token is None:
        raise RuntimeError(f"{url}: {status}, no form token")
    return token.group(1).decode(), cookie


def sign_in(port: int, email: str) -> str:
    for attempt in range(3):  # a worker still starting on a busy machine may time out
        try:
            return _sign_in(port, email)
        except OSError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _sign_in(port: int, email: str) -> str:
    token, cookie = _csrf(port, "/login", "")
    body = urllib.parse.urlencode({"email": email, "password": PASSWORD, "csrf_token": token})
    status, _, set_cookie = _request(port, "POST", "/login", cookie, body)
    if status != 302:
        raise RuntimeError(f"sign-in of {email} answered {status}")
    return _cookie_from(set_cookie, cookie)


def _pages(accounts: dict, copy: int) -> dict[str, list[tuple[str, str]]]:
    """(page, url) per role for the records of one loaded copy."""
    stride = accounts["stride"]
    reviewable = accounts.get("reviewable", accounts["curricula"])
    curricula = [c + copy * stride["curriculum"] for c in reviewable]
    fy = TODAY.year if TODAY.month >= 7 else TODAY.year - 1
    return {
        "provider": [("provider dashboard", "/provider"), ("curriculum page", "/curricula/{own}")],
        "reviewer": [
            ("review queue", "/review"),
            ("review page", f"/review/{random.choice(curricula)}"),
            ("DHCS report", f"/reports/dhcs?fy={fy}"),
            ("registry records", "/registry/records"),
            ("records reviews", "/ce/audits"),
        ],
        "peer": [("CE page", "/ce"), ("renewal readiness", "/registry/renewal")],
        "admin": [("admin", "/admin"), ("audit log", "/admin/audit")],
        "anonymous": [
            ("frameworks", "/frameworks"),
            ("competency", "/competencies/core-3"),
            ("registry search", f"/registry?q=Bench+Peer+{copy % 100}"),
        ],
    }


class User:
    def __init__(self, role: str, email: str, copy: int, index: int, accounts: dict):
        self.role, self.email, self.copy, self.cookie = role, email, copy, ""
        stride = accounts["stride"]
        organizations = accounts["organizations"]
        own = [
            c + copy * stride["curriculum"]
            for j, c in enumerate(accounts["curricula"])
            if j % organizations == index
        ]
        self.urls = [
            (name, url.replace("{own}", str(random.choice(own))) if own else url)
            for name, url in _pages(accounts, copy)[role]
        ]


def _users(accounts: dict, port: int) -> list[User]:
    copies = accounts["copies"]
    users = []
    for role, count in ROLES.items():
        for n in range(count):
            index = n % len(accounts[role])
            copy = (n * 997) % (copies + 1) if role in ("provider", "peer") else 0
            email = accounts[role][index]
            email = _unique(email, copy) if copy else email
            user = User(role, email, copy, index, accounts)
            user.cookie = sign_in(port, email)
            users.append(user)
    for n in range(3):
        users.append(User("anonymous", "", (n * 389) % (copies + 1), 0, accounts))
    return users


def _loop(port: int, jobs: list, deadline: float, results: dict, lock) -> None:
    rng = random.Random()
    local: dict = {}
    while time.perf_counter() < deadline:
        name, url, cookie = rng.choice(jobs)
        started = time.perf_counter()
        try:
            status, _, _ = _request(port, "GET", url, cookie)
        except OSError:
            status = 0
        elapsed = time.perf_counter() - started
        entry = local.setdefault(name, {"ms": [], "errors": 0})
        if status == 200:
            entry["ms"].append(elapsed * 1000)
        else:
            entry["errors"] += 1
    with lock:
        for name, entry in local.items():
            into = results.setdefault(name, {"ms": [], "errors": 0})
            into["ms"] += entry["ms"]
            into["errors"] += entry["errors"]


def _process(args) -> dict:
    port, jobs, seconds, threads = args
    results: dict = {}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    workers = [
        threading.Thread(target=_loop, args=(port, jobs, deadline, results, lock))
        for _ in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return results


def drive(port: int, jobs: list, seconds: float, connections: int, processes: int) -> dict:
    processes = max(1, min(processes, connections))
    per = [connections // processes + (i < connections % processes) for i in range(processes)]
    with multiprocessing.Pool(processes) as pool:
        parts = pool.map(_process, [(port, jobs, seconds, n) for n in per])
    merged: dict = {}
    for part in parts:
        for name, entry in part.items():
            into = merged.setdefault(name, {"ms": [], "errors": 0})
            into["ms"] += entry["ms"]
            into["errors"] += entry["errors"]
    return merged


def _summary(entry: dict, seconds: float) -> dict:
    ms = sorted(entry["ms"])
    if not ms:
        return {"requests": 0, "errors": entry["errors"]}
    return {
        "requests": len(ms),
        "errors": entry["errors"],
        "rps": len(ms) / seconds,
        "p50_ms": statistics.median(ms),
        "p95_ms": ms[min(len(ms) - 1, int(len(ms) * 0.95))],
    }


class Writer(threading.Thread):
    """Peers add CE entries over HTTP at ``rate`` a second (each a form with its token)."""

    def __init__(self, port: int, peers: list[User], rate: float):
        super().__init__(daemon=True)
        self.port, self.peers, self.rate = port, peers, rate
        self.stop = threading.Event()
        self.done = self.failed = 0

    def run(self) -> None:
        n = 0
        while not self.stop.wait(1 / self.rate if self.rate else 3600):
            peer = self.peers[n % len(self.peers)]
            n += 1
            try:
                token, peer.cookie = _csrf(self.port, "/ce/entries/new", peer.cookie)
                body = urllib.parse.urlencode(
                    {
                        "csrf_token": token,
                        "title": f"Bench course {n}",
                        "provider": "Bench Training",
                        "start_date": "2026-11-02",
                        "format": "online_live",
                        "hours": "1.5",
                        "source": "calmhsa_ce_provider",
                        "evidence": "certificate.pdf",
                    }
                )
                status, _, set_cookie = _request(
                    self.port, "POST", "/ce/entries/new", peer.cookie, body
                )
                peer.cookie = _cookie_from(set_cookie, peer.cookie)
                self.done += status == 302
                self.failed += status != 302
            except (OSError, RuntimeError):
                self.failed += 1


def check(port: int, accounts: dict, users: list[User]) -> list[str]:
    """Every page of the mix, as its role, for records of the first, a middle and the last copy."""
    failures = []
    copies = accounts["copies"]
    for user in users:
        for copy in sorted({0, copies // 2, copies}):
            for name, url in _pages(accounts, copy)[user.role]:
                if "{own}" in url:
                    url = dict(user.urls)[name]
                status, _, _ = _request(port, "GET", url, user.cookie)
                if status != 200:
                    failures.append(f"{user.role} {url}: {status}")
    return failures


def in_process(url: str) -> dict:
    """The DHCS report and a records-review draw in this process: CPU and wall seconds."""
    from app import create_app
    from app.auth.models import Role
    from app.auth.models import User as Account
    from app.ce.services import draw_audit
    from app.extensions import db
    from app.policy import DEFAULT_POLICY
    from app.reports.services import build_report

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    figures = {}
    with app.app_context():
        fy = TODAY.year if TODAY.month >= 7 else TODAY.year - 1
        for name, work in (
            ("DHCS report", lambda: build_report(db.session, fy, small_cell=11)),
            (
                "records-review draw (5%, 90 days)",
                lambda: draw_audit(
                    db.session,
                    db.session.scalars(
                        db.select(Account).where(Account.role == Role.REVIEWER)
                    ).first(),
                    DEFAULT_POLICY,
                    window_start=TODAY,
                    window_end=TODAY + timedelta(days=90),
                    method="percent",
                    amount=5,
                    seed=7,
                    today=TODAY,
                ),
            ),
        ):
            for _ in range(2):  # the first call also configures the mappers: measure the second
                cpu, wall = time.process_time(), time.perf_counter()
                work()
                figures[name] = {
                    "cpu_s": time.process_time() - cpu,
                    "wall_s": time.perf_counter() - wall,
                }
                db.session.rollback()
    return figures


def _by_page(users: list[User]) -> dict[str, list]:
    by_page: dict[str, list] = {}
    for user in users:
        for name, url in user.urls:
            by_page.setdefault(name, []).append((name, url, user.cookie))
    return by_page


def _alone(port: int, master: int, users: list[User], seconds: float) -> dict:
    """Each page alone (4 connections): latency and the workers' CPU per request."""
    alone = {}
    print(f"\nEach page alone (4 connections, {seconds:g} s):")
    print(f"{'page':<22}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'CPU ms/req':>12}{'errors':>8}")
    for name, jobs in _by_page(users).items():
        cpu = _workers_cpu(master)
        result = drive(port, jobs, seconds, 4, 2)
        spent = _workers_cpu(master) - cpu
        row = _summary(result.get(name, {"ms": [], "errors": 0}), seconds)
        row["cpu_ms"] = 1000 * spent / max(1, row["requests"] + row["errors"])
        alone[name] = row
        print(
            f"{name:<22}{row.get('rps', 0):>8.1f}{row.get('p50_ms', 0):>9.1f}"
            f"{row.get('p95_ms', 0):>9.1f}{row['cpu_ms']:>12.1f}{row['errors']:>8}"
        )
    return alone


def _mix(port: int, hello_port: int, master: int, users: list[User], args) -> dict:
    """Every page at once with writes, then the bare app with the same connections."""
    figures: dict = {}
    jobs = [job for page in _by_page(users).values() for job in page]
    writer = Writer(port, [u for u in users if u.role == "peer"], args.writes_per_second)
    writer.start()
    cpu = _workers_cpu(master)
    mixed = drive(port, jobs, args.seconds, args.connections, args.processes)
    spent = _workers_cpu(master) - cpu
    writer.stop.set()
    writer.join()
    bare = drive(hello_port, [("hello", "/", "")], args.seconds, args.connections, args.processes)
    bare_rps = _summary(bare["hello"], args.seconds).get("rps", 0)
    total = sum(len(e["ms"]) for e in mixed.values())
    mix = {name: _summary(entry, args.seconds) for name, entry in mixed.items()}
    figures["mix"] = mix
    figures["mix_total"] = {
        "rps": total / args.seconds,
        "bare_rps": bare_rps,
        "share_of_bare": total / args.seconds / bare_rps if bare_rps else None,
        "cpu_ms_per_request": 1000 * spent / max(1, total),
        "writes": writer.done,
        "failed_writes": writer.failed,
    }
    print(
        f"\nThe mix: {args.connections} connections, {args.seconds:g} s, "
        f"{writer.done} writes ({writer.failed} failed):"
    )
    print(f"{'page':<22}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for name, row in sorted(mix.items()):
        print(
            f"{name:<22}{row.get('rps', 0):>8.1f}{row.get('p50_ms', 0):>9.1f}"
            f"{row.get('p95_ms', 0):>9.1f}{row['errors']:>8}"
        )
    t = figures["mix_total"]
    print(
        f"all pages: {t['rps']:.1f} req/s, {t['cpu_ms_per_request']:.1f} ms CPU a request; "
        f"bare Flask: {bare_rps:.1f} req/s; share {100 * (t['share_of_bare'] or 0):.1f} %"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--accounts", default="bench-accounts.json")
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--page-seconds", type=float, default=6)
    parser.add_argument("--writes-per-second", type=float, default=2)
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--compare", nargs=2, metavar=("SMALL", "LARGE"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)

    accounts = json.loads(Path(args.accounts).read_text())
    env = {**os.environ, "DATABASE_URL": args.database_url, "SECRET_KEY": "bench-" + "x" * 32}
    env.pop("PYTHONPATH", None)
    port, hello_port = _free_port(), _free_port()
    app_server = _serve("bench.pages_app:app", port, args.workers, env)
    hello = _serve("bench.hello_app:app", hello_port, args.workers, env)
    figures: dict = {
        "scale": accounts.get("scale"),
        "workers": args.workers,
        "connections": args.connections,
        "load": os.getloadavg(),
    }
    try:
        users = _users(accounts, port)
        failures = check(port, accounts, users)
        print(f"checked every page of the mix for 3 copies: {len(failures)} not 200")
        for failure in failures[:20]:
            print("  ", failure)
        figures["check_failures"] = failures

        # Warm every worker up (templates compiled, pools filled) before measuring.
        drive(port, [j for page in _by_page(users).values() for j in page], 8, 8, 2)
        figures["alone"] = _alone(port, app_server.pid, users, args.page_seconds)
        figures.update(_mix(port, hello_port, app_server.pid, users, args))
    finally:
        for server in (app_server, hello):
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()

    # 3. The aggregated pages' work, in this process.
    figures["in_process"] = in_process(args.database_url)
    for name, row in figures["in_process"].items():
        print(f"{name}: {row['cpu_s']:.2f} s CPU, {row['wall_s']:.2f} s")
    figures["load_after"] = os.getloadavg()
    print(f"load average before/after: {figures['load']} / {figures['load_after']}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))


def compare(small: str, large: str) -> None:
    a, b = json.loads(Path(small).read_text()), json.loads(Path(large).read_text())
    print(f"CPU per request, scale {a['scale']} -> {b['scale']}:")
    for name, row in a["alone"].items():
        other = b["alone"].get(name)
        if other and row.get("cpu_ms"):
            print(
                f"{name:<22}{row['cpu_ms']:>8.1f}{other['cpu_ms']:>8.1f} ms"
                f"   x{other['cpu_ms'] / row['cpu_ms']:.2f}"
            )
    for name, row in a.get("in_process", {}).items():
        other = b.get("in_process", {}).get(name, {})
        print(f"{name}: {row['cpu_s']:.2f} -> {other.get('cpu_s', 0):.2f} s CPU")


if __name__ == "__main__":
    main()
