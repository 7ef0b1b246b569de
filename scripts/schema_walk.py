"""Prove that a rewrite of the migrations leaves the schema as it was, at every step.

Walks a migrations folder from an empty database up to head one revision at a time, then back
down to base one revision at a time, and dumps the whole schema after every step: on SQLite
the ``sqlite_master`` text (what ``sqlite3 .schema`` prints), on PostgreSQL ``pg_dump
--schema-only``. Then does the same with the migrations of a git revision and compares the two
walks step by step.

    python scripts/schema_walk.py --base main                       # SQLite, temp file
    python scripts/schema_walk.py --base main --url postgresql+psycopg://postgres@127.0.0.1:5433/x
    python scripts/schema_walk.py dump DIR URL OUT                   # one walk into OUT

Exits 1 and prints the first differences when the walks differ. The PostgreSQL database named
by ``--url`` is emptied (schema ``public`` dropped and created again) before each walk.
"""

from __future__ import annotations

import argparse
import difflib
import glob
import io
import logging
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


_CONSTRAINT_WORDS = ("CONSTRAINT ", "PRIMARY KEY", "FOREIGN KEY", "UNIQUE ", "UNIQUE(", "CHECK")


def _split_top_level(body: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(body):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:i].strip())
            start = i + 1
    parts.append(body[start:].strip())
    return parts


def _normal_sqlite(sql: str | None) -> str:
    """A CREATE TABLE with its columns in order and its table constraints sorted: batch mode
    rebuilds a table from a set of constraints, so their order in the text varies from run to
    run (SQLite gives that order no meaning)."""
    if not sql or not sql.startswith("CREATE TABLE"):
        return sql or ""
    head, _, rest = sql.partition("(")
    body, _, tail = rest.rpartition(")")
    items = _split_top_level(body)
    columns = [i for i in items if not i.upper().startswith(_CONSTRAINT_WORDS)]
    constraints = sorted(i for i in items if i.upper().startswith(_CONSTRAINT_WORDS))
    return head.strip() + " (\n    " + ",\n    ".join(columns + constraints) + "\n)" + tail


def _sqlite_schema(engine) -> str:
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).all()
    return "\n".join(
        f"{kind} {name} on {table}:\n  {_normal_sqlite(sql)}" for kind, name, table, sql in rows
    )


def _pg_dump_binary() -> str:
    found = shutil.which("pg_dump") or next(
        iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), reverse=True)), None
    )
    if not found:
        raise SystemExit("pg_dump not found")
    return found


def _pg_schema(url: str) -> str:
    plain = url.replace("+psycopg", "").replace("+psycopg2", "")
    out = subprocess.run(
        [_pg_dump_binary(), "--schema-only", "--no-owner", "--no-privileges", plain],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    kept = [
        line
        for line in out.splitlines()
        if line.strip()
        and not line.startswith("--")
        and not line.startswith("SET ")
        and not line.startswith("SELECT pg_catalog.set_config")
        and not line.startswith("\\")  # \restrict lines carry a random key
    ]
    return "\n".join(kept)


def _empty(engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")


def dump(directory: str, url: str, out: str) -> None:
    """One walk: up from base one step at a time, then down to base one step at a time."""
    from alembic.config import Config  # noqa: PLC0415 - only in the child process
    from alembic.script import ScriptDirectory  # noqa: PLC0415
    from flask_migrate import downgrade, upgrade  # noqa: PLC0415

    from app import create_app  # noqa: PLC0415
    from app.extensions import db  # noqa: PLC0415

    logging.disable(logging.INFO)
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
    config = Config(str(Path(directory) / "alembic.ini"))  # as Flask-Migrate reads it
    config.set_main_option("script_location", directory)
    revisions = [s.revision for s in ScriptDirectory.from_config(config).walk_revisions()]
    revisions.reverse()
    sections: list[str] = []
    with app.app_context():
        engine = db.engine
        _empty(engine)

        def snapshot(label: str) -> None:
            engine.dispose()
            text = (
                _pg_schema(url) if engine.dialect.name == "postgresql" else _sqlite_schema(engine)
            )
            sections.append(f"=== {label}\n{text}\n")

        for revision in revisions:
            upgrade(directory=directory, revision=revision)
            snapshot(f"up to {revision}")
        for revision in reversed(revisions):
            downgrade(directory=directory, revision="-1")
            snapshot(f"down from {revision}")
        db.session.remove()
        engine.dispose()
    Path(out).write_text("\n".join(sections), encoding="utf-8")


def _walk(directory: Path, url: str, out: Path) -> str:
    # Batch mode on SQLite rebuilds tables from sets of constraints: a fixed hash seed keeps
    # their order the same from one walk to the next.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run(
        [sys.executable, __file__, "dump", str(directory), url, str(out)],
        check=True,
        cwd=ROOT,
        env=env,
    )
    return out.read_text(encoding="utf-8")


def _migrations_of(ref: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref, "migrations"],
        check=True,
        capture_output=True,
        cwd=ROOT,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "migrations"


def compare(base: str, url: str | None) -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        before_dir = _migrations_of(base, tmp / "base")
        walks = []
        for name, directory in (("base", before_dir), ("tree", ROOT / "migrations")):
            target = url or f"sqlite:///{tmp / (name + '.sqlite3')}"
            walks.append(_walk(directory, target, tmp / f"{name}.txt"))
        before, after = walks
        steps = before.count("=== ")
        if before == after:
            print(f"same schema at all {steps} steps ({base} against the working tree)")
            return 0
        diff = difflib.unified_diff(
            before.splitlines(), after.splitlines(), base, "working tree", lineterm=""
        )
        print("\n".join(list(diff)[:200]))
        return 1


def main(argv: list[str]) -> int:
    if argv[:1] == ["dump"]:
        dump(*argv[1:4])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="git revision whose migrations to compare")
    parser.add_argument("--url", default=os.environ.get("SCHEMA_WALK_URL"), help="PostgreSQL URL")
    args = parser.parse_args(argv)
    return compare(args.base, args.url)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
