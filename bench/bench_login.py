"""Sign-in timing and memory with production argon2 settings.

    .venv/bin/python bench/bench_login.py timing        # median ms: unknown, wrong, locked
    .venv/bin/python bench/bench_login.py memory 2      # peak RSS growth, 40 parallel sign-ins, cap 2

Runs against a throwaway SQLite file; sends nothing over the network.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app
from app.auth.models import Role
from app.extensions import db
from tests.factories import make_user


def _app(folder: str, slots: int = 2):
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
            "WTF_CSRF_ENABLED": False,
            "RATE_LIMITS": {},
            "ARGON2_MAX_CONCURRENT": slots,
            "ARGON2_WAIT_SECONDS": 60,
            "LOGIN_ADDRESS_MAX_ATTEMPTS": 10_000,
        }
    )
    with app.app_context():
        db.create_all()
        email = make_user(Role.PEER).email
    return app, email


def _post(client, email, password, address):
    start = time.perf_counter()
    client.post(
        "/login", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )
    return (time.perf_counter() - start) * 1000


def timing() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app, email = _app(folder)
        client = app.test_client()
        for _ in range(5):
            _post(client, email, "wrong guess number", "203.0.113.9")  # locks this address
        runs = {"unknown": [], "wrong": [], "locked": []}
        for n in range(15):
            runs["unknown"].append(
                _post(client, f"nobody{n}@example.org", "wrong guess", f"198.51.100.{n}")
            )
            runs["wrong"].append(_post(client, email, "wrong guess", f"192.0.2.{n % 4}"))
            runs["locked"].append(_post(client, email, "wrong guess", "203.0.113.9"))
        for kind, values in runs.items():
            print(f"{kind:8} median {statistics.median(values):6.1f} ms")


def memory(slots: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app, email = _app(folder, slots)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        barrier = threading.Barrier(40)

        def one(n: int) -> None:
            client = app.test_client()
            barrier.wait()
            _post(client, email, "wrong guess", f"198.51.100.{n}")

        threads = [threading.Thread(target=one, args=(n,)) for n in range(40)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"cap {slots}: peak RSS grew {(after - before) / 1024:.0f} MiB for 40 parallel sign-ins "
            f"in {time.perf_counter() - start:.1f} s"
        )


if __name__ == "__main__":
    if sys.argv[1] == "timing":
        timing()
    else:
        memory(int(sys.argv[2]))
