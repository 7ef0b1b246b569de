"""The public registry search: accents, case, hyphens and word order aside, through an index."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.registry import services
from app.registry.models import CertificationRecord
from app.registry.rules import fold, fold_name


def _record(name: str, number: str) -> CertificationRecord:
    record = CertificationRecord(
        legal_name=name,
        certification_number=number,
        issued_on=date(2025, 1, 1),
        expires_on=date(2027, 1, 1),
    )
    _db.session.add(record)
    _db.session.commit()
    return record


def _found(q: str) -> list[str]:
    return [r.legal_name for r in services.search(_db.session, q, 1, public=True).items]


def test_fold_drops_accents_case_and_punctuation():
    assert fold("María  López-Hernández") == "maria lopez hernandez"
    assert fold_name("López-Hernández, María") == fold_name("maria lopez hernandez")


@pytest.mark.parametrize(
    "q",
    ["Lopez", "maria", "MARÍA LÓPEZ", "lopez maria", "López-Hernández", "hernandez", "Mar Lop"],
)
def test_names_are_found_whatever_the_spelling(db, q):
    _record("María López-Hernández", "MPSS100001")
    _record("Lopezia Smith", "MPSS100002")
    _record("Mark Stone", "MPSS100003")
    assert "María López-Hernández" in _found(q)
    assert "Mark Stone" not in _found(q)


def test_every_word_must_match_and_numbers_still_find(db):
    _record("María López-Hernández", "MPSS100001")
    _record("Maria Stone", "MPSS100002")
    assert _found("maria stone") == ["Maria Stone"]
    assert _found("mpss100001") == ["María López-Hernández"]
    assert _found("%_") == [] and sorted(_found('"maria*" (')) == [
        "Maria Stone",
        "María López-Hernández",
    ]


def test_the_index_follows_renames_and_deletes(db):
    record = _record("Ana Ruiz", "MPSS100001")
    record.legal_name = "Ana Ruiz-Ortega"
    db.session.commit()
    assert _found("ortega") == ["Ana Ruiz-Ortega"]
    db.session.delete(record)
    db.session.commit()
    assert _found("ortega") == []


def test_the_search_uses_the_full_text_index(db):
    _record("María López-Hernández", "MPSS100001")
    statement = services._search(db.session, "lopez maria")
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    dialect = db.engine.dialect.name
    with db.engine.connect() as connection:
        if dialect == "sqlite":
            plan = " ".join(
                str(row[-1]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
            )
            assert "VIRTUAL TABLE INDEX" in plan and "MULTI-INDEX OR" in plan
            assert not re.search(r"SCAN certification_record(?!_fts)", plan)
        elif dialect == "postgresql":
            connection.exec_driver_sql("SET enable_seqscan = off")
            plan = " ".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {compiled}"))
            assert "ix_certification_record_name_search" in plan
    assert db.session.scalar(select(CertificationRecord.name_folded)) == "maria lopez hernandez"
