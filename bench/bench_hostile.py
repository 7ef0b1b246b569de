"""CPU time and page size of the /check page for inputs shaped to make rendering slow.

Run: .venv/bin/python bench/bench_hostile.py [NAME ...]  (one child process per input, each
stopped after --timeout seconds of CPU). For each input it prints the CPU seconds
(time.process_time) of the checker, of rendering the text to HTML and of the whole /check
request through Flask's test client, and the size of the page sent back.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIMIT = 5 * 1024 * 1024  # the upload limit (MAX_SYLLABUS_BYTES)


def hostile_inputs() -> dict[str, str]:
    """The inputs that stalled or crashed the page before, and their largest versions."""
    return {
        "8 KB of [": "[" * 8 * 1024,
        "20 KB of [](": "[](" * (20 * 1024 // 3),
        "4,000 [": "[" * 4000,
        "7,000 [": "[" * 7000,
        "200 KB of [": "[" * 200 * 1024,
        "200 KB of ![": "![" * 100 * 1024,
        "5 MB of [": "[" * LIMIT,
        "5 MB of [](": "[](" * (LIMIT // 3),
        "list nested 2,000 deep": "".join("  " * i + "1. x\n" for i in range(2000)),
        "quotes nested 5,000 deep": ">" * 5000 + " x\n",
        "5 MB of headings": "## Module (2 hours)\n" * (LIMIT // 20),
        "5 MB of *a": "*a" * (LIMIT // 2),
        "9,000 sessions": "## Module (2 hours) [core-1]\n" * 9000,
    }


def measure(name: str) -> dict:
    """Measure one input in this process."""
    from app import create_app
    from app.extensions import db
    from app.rendering import render_markdown
    from app.syllabus.errors import SyllabusReadError
    from app.syllabus.services import check_syllabus

    text = hostile_inputs()[name]
    result: dict = {"name": name, "chars": len(text)}
    start = time.process_time()
    try:
        check_syllabus(text, "core")
        result["check"] = "report"
    except SyllabusReadError:
        result["check"] = "refused"
    except RecursionError:
        result["check"] = "RecursionError"
    result["check_cpu"] = time.process_time() - start
    start = time.process_time()
    try:
        result["render_bytes"] = len(render_markdown(text))
    except RecursionError:
        result["render_bytes"] = "RecursionError"
    result["render_cpu"] = time.process_time() - start
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
        client = app.test_client()
        start = time.process_time()
        response = client.post("/check", data={"program": "core", "text": text})
        result["page_cpu"] = time.process_time() - start
        result["status"] = response.status_code
        result["page_bytes"] = len(response.get_data())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="inputs to measure (default: all)")
    parser.add_argument("--timeout", type=int, default=60, help="CPU seconds per input")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        resource.setrlimit(resource.RLIMIT_CPU, (args.timeout, args.timeout + 1))
        print(json.dumps(measure(args.child)))
        return
    print(
        f"{'input':26} {'chars':>9} {'check s':>8} {'render s':>9} {'page s':>8} status {'page bytes':>11}"
    )
    for name in args.names or hostile_inputs():
        child = subprocess.run(
            [sys.executable, __file__, "--child", name, "--timeout", str(args.timeout)],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            print(f"{name:26} stopped after {args.timeout} s of CPU (exit {child.returncode})")
            continue
        r = json.loads(child.stdout.strip().splitlines()[-1])
        print(
            f"{name:26} {r['chars']:9d} {r['check_cpu']:8.2f} {r['render_cpu']:9.2f} "
            f"{r['page_cpu']:8.2f} {r['status']:6} {r['page_bytes']:11d}  ({r['check']})",
            flush=True,
        )


if __name__ == "__main__":
    main()
