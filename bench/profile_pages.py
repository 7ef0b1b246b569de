"""Profile the pages of bench/drive.py's mix in this process, one page at a time.

    .venv/bin/python bench/profile_pages.py --database-url URL --accounts bench-accounts.json \\
        [--page "review page"] [--requests 40] [--top 40] [--sort tottime]

The database is one bench/load.py filled (read only: every request is a GET). Each page of the
mix is asked for by a user of its role through Flask's test client, warmed up, then asked
``--requests`` times more: the CPU per request (``time.process_time``), the SQL statements and the
Python function calls per request (exact, where CPU time on a shared machine is not) and,
with ``--page``, cProfile's functions for that page. The test client skips the
HTTP server (gunicorn's share of a request is not in these figures).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.drive import _pages  # noqa: E402
from bench.load import PASSWORD  # noqa: E402


def _client(app, email: str):
    """A test client signed in as ``email``: with the account's current session token when it
    has one (so the run writes nothing), else by signing in with the password once."""
    from flask_login.utils import _create_identifier

    from app.auth.models import User
    from app.auth.session_policy import AUTH_AT, SEEN_AT
    from app.extensions import db

    client = app.test_client()
    if not email:
        return client
    with app.app_context():
        user = db.session.scalars(db.select(User).where(User.email == email)).one()
        identity = user.get_id() if user.session_token else ""
    if identity:
        with app.test_request_context(environ_base=client.environ_base):
            marker = _create_identifier()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = identity, True
            session["_id"] = marker  # Flask-Login's "strong" session protection
            session[AUTH_AT] = session[SEEN_AT] = int(time.time())
        return client
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    if answer.status_code != 302:
        raise RuntimeError(f"sign-in of {email}: {answer.status_code}")
    return client


def _own_curriculum(accounts: dict, index: int) -> int:
    organizations = accounts["organizations"]
    return next(c for j, c in enumerate(accounts["curricula"]) if j % organizations == index)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--accounts", default="bench-accounts.json")
    parser.add_argument("--page", action="append", help="profile these pages (by name)")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    args = parser.parse_args()

    from sqlalchemy import event

    from app import create_app
    from app.extensions import db

    random.seed(23)  # the same review page every run
    accounts = json.loads(Path(args.accounts).read_text())
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": args.database_url,
            "SECRET_KEY": "bench-" + "x" * 32,
            "MFA_REQUIRED_ROLES": (),
            "RATE_LIMITS": {},
            "RATE_LIMITS_GET": {},
        }
    )
    statements = [0]
    with app.app_context():
        event.listen(
            db.engine,
            "before_cursor_execute",
            lambda *a, **k: statements.__setitem__(0, statements[0] + 1),
        )
    rows = []
    for role, pages in _pages(accounts, 0).items():
        # The last account of each role: bench/drive.py signs in the first ones.
        index = len(accounts[role]) - 1 if role != "anonymous" else 0
        email = accounts[role][index] if role != "anonymous" else ""
        own = _own_curriculum(accounts, index % accounts["organizations"])
        for name, url in pages:
            if args.page and name not in args.page:
                continue
            url = url.replace("{own}", str(own))
            client = _client(app, email)  # afresh: another run may have signed the account in
            for _ in range(3):  # warm up: templates compiled, mappers configured
                status = client.get(url).status_code
            statements[0] = 0
            profiler = cProfile.Profile(time.process_time) if args.page else None
            cpu = time.process_time()
            if profiler:
                profiler.enable()
            for _ in range(args.requests):
                status = max(status, client.get(url).status_code)
            if profiler:
                profiler.disable()
            spent = time.process_time() - cpu
            sql = statements[0] / args.requests
            # Python function calls per request: exact, where CPU time on a shared machine is not.
            counter = cProfile.Profile()
            counter.enable()
            for _ in range(3):
                client.get(url)
            counter.disable()
            calls = pstats.Stats(counter).total_calls / 3
            rows.append((name, url, status, 1000 * spent / args.requests, sql, calls))
            if profiler:
                print(f"\n=== {name} {url}")
                pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    print(f"\n{'page':<22}{'status':>7}{'CPU ms/req':>12}{'SQL/req':>9}{'calls/req':>11}  url")
    for name, url, status, ms, sql, calls in rows:
        print(f"{name:<22}{status:>7}{ms:>12.1f}{sql:>9.1f}{calls:>11.0f}  {url}")


if __name__ == "__main__":
    main()
