"""What the revision files share: tables and column sets written as short specs.

Alembic finds this module because ``migrations/alembic.ini`` puts this folder on ``sys.path``
(``prepend_sys_path``) before it loads a revision, under ``flask db`` and under the tests alike.
It lives beside ``env.py``, not in ``versions/``, so it is never taken for a revision.

A spec is one column a line::

    id int pk
    user_id int index -> user
    entry_id int unique -> ce_entry cascade
    note str2000 default=''
    sent_at ts null

``name type`` first, then any of: ``null`` (nullable; columns are NOT NULL otherwise), ``pk``
(part of the primary key ``pk_<table>``), ``unique`` (``uq_<table>_<column>``), ``index`` / ``uindex`` (``ix_<table>_<column>``, plain or
unique), ``default=<v>`` (server default: ``default=false`` is ``sa.false()``, anything else
the literal text, quotes removed), ``noauto`` (``autoincrement=False``), ``-> <table>`` (a
foreign key to that table's ``id``, ``fk_<table>_<column>_<target>``), ``cascade`` (the foreign
key deletes on cascade). Types: int, bigint, text, bool, date, json, double, ts (UTC date-time
with time zone) and strN (a string of length N). A ``#`` starts a comment.

The names are those Alembic's autogenerate wrote from the models' naming convention, so a spec
builds exactly the DDL the long form did; ``scripts/schema_walk.py`` checks that.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from alembic import op

import app.dbtypes

_TYPES = {
    "int": sa.Integer,
    "bigint": sa.BigInteger,
    "text": sa.Text,
    "bool": sa.Boolean,
    "date": sa.Date,
    "json": sa.JSON,
    "double": sa.Double,
    "ts": lambda: app.dbtypes.UTCDateTime(timezone=True),
}
_FLAGS = {"null", "pk", "unique", "index", "uindex", "noauto", "cascade"}


@dataclass
class Col:
    """One line of a spec."""

    name: str
    kind: str
    flags: set[str] = field(default_factory=set)
    default: str | None = None
    target: str | None = None

    def type_(self):
        if self.kind.startswith("str"):
            return sa.String(length=int(self.kind[3:]))
        return _TYPES[self.kind]()

    def column(self) -> sa.Column:
        extra = {}
        if self.default is not None:
            extra["server_default"] = sa.false() if self.default == "false" else self.default
        if "noauto" in self.flags:
            extra["autoincrement"] = False
        return sa.Column(self.name, self.type_(), nullable="null" in self.flags, **extra)

    def fk_name(self, table: str) -> str:
        return f"fk_{table}_{self.name}_{self.target}"

    def fk_options(self) -> dict:
        return {"ondelete": "CASCADE"} if "cascade" in self.flags else {}


def parse(spec: str) -> list[Col]:
    cols = []
    for raw in spec.splitlines():
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        col = Col(words[0], words[1])
        rest = iter(words[2:])
        for word in rest:
            if word == "->":
                col.target = next(rest)
            elif word.startswith("default="):
                col.default = word[len("default=") :].strip("'\"")
            elif word in _FLAGS:
                col.flags.add(word)
            else:
                raise ValueError(f"unknown word {word!r} in column spec {raw.strip()!r}")
        if col.kind not in _TYPES and not col.kind[3:].isdigit():
            raise ValueError(f"unknown type {col.kind!r} in column spec {raw.strip()!r}")
        cols.append(col)
    return cols


def _with(cols: list[Col], flag: str) -> list[Col]:
    return sorted((c for c in cols if flag in c.flags), key=lambda c: c.name)


def _indexed(cols: list[Col]) -> list[Col]:
    return sorted((c for c in cols if c.flags & {"index", "uindex"}), key=lambda c: c.name)


def create_table(name: str, spec: str, *extra, named: bool = True, **kw):
    """``op.create_table`` of the spec, then its one-column indexes; returns the table.

    ``extra`` are further constraints; ``named=False`` leaves the primary key and foreign keys
    without a name, as the hand-written revisions did; ``kw`` goes to ``op.create_table``.
    """
    cols = parse(spec)

    def called(constraint_name: str):
        return op.f(constraint_name) if named else None

    constraints = [
        sa.ForeignKeyConstraint(
            [c.name], [f"{c.target}.id"], name=called(c.fk_name(name)), **c.fk_options()
        )
        for c in sorted((c for c in cols if c.target), key=lambda c: c.name)
    ]
    keys = [c.name for c in cols if "pk" in c.flags]
    constraints.append(sa.PrimaryKeyConstraint(*keys, name=called(f"pk_{name}")))
    constraints += [
        sa.UniqueConstraint(c.name, name=op.f(f"uq_{name}_{c.name}")) for c in _with(cols, "unique")
    ]
    table = op.create_table(name, *(c.column() for c in cols), *constraints, *extra, **kw)
    for c in _indexed(cols):
        op.create_index(op.f(f"ix_{name}_{c.name}"), name, [c.name], unique="uindex" in c.flags)
    return table


def create_tables(tables: dict[str, str], **kw) -> None:
    """Create each table of a ``{name: spec}`` dict, in its order."""
    for name, spec in tables.items():
        create_table(name, spec, **kw)


def drop_tables(tables: dict[str, str]) -> None:
    """Drop the tables of ``create_tables`` in the reverse order (their indexes go with them)."""
    for name in reversed(tables):
        op.drop_table(name)


def add_columns(table: str, spec: str, indexes: tuple = (), **batch_kw) -> None:
    """Add the spec's columns to a table, then its unique constraints, its indexes (those of
    the spec, then ``indexes``: ``(name, [columns])`` pairs) and its foreign keys, in one
    ``op.batch_alter_table`` (``batch_kw`` goes to it)."""
    cols = parse(spec)
    with op.batch_alter_table(table, schema=None, **batch_kw) as batch:
        for c in cols:
            batch.add_column(c.column())
        for c in _with(cols, "unique"):
            batch.create_unique_constraint(batch.f(f"uq_{table}_{c.name}"), [c.name])
        for c in _indexed(cols):
            batch.create_index(
                batch.f(f"ix_{table}_{c.name}"), [c.name], unique="uindex" in c.flags
            )
        for index_name, columns in indexes:
            batch.create_index(index_name, columns, unique=False)
        for c in (c for c in cols if c.target):
            batch.create_foreign_key(
                batch.f(c.fk_name(table)), c.target, [c.name], ["id"], **c.fk_options()
            )


def drop_columns(table: str, spec: str, indexes: tuple = (), **batch_kw) -> None:
    """Undo ``add_columns`` with the same arguments, in the reverse order."""
    cols = parse(spec)
    with op.batch_alter_table(table, schema=None, **batch_kw) as batch:
        for c in reversed([c for c in cols if c.target]):
            batch.drop_constraint(batch.f(c.fk_name(table)), type_="foreignkey")
        for index_name, _columns in reversed(indexes):
            batch.drop_index(index_name)
        for c in reversed(_indexed(cols)):
            batch.drop_index(batch.f(f"ix_{table}_{c.name}"))
        for c in reversed(_with(cols, "unique")):
            batch.drop_constraint(batch.f(f"uq_{table}_{c.name}"), type_="unique")
        for c in reversed(cols):
            batch.drop_column(c.name)
