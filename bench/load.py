"""Load the program's future size, or a share of it, into an empty database: valid rows only.

    .venv/bin/python bench/load.py --database-url postgresql+psycopg://…/bench --scale 0.1
    .venv/bin/python bench/load.py --database-url sqlite:////tmp/bench.sqlite3 --scale 0.01

Full size (``--scale 1``) is 1,000 units of: 100 certified peers (a registry record, a claimed
profile, a peer account and 20 CE entries each: 2,000 entries), 10 training-provider
organizations with 50 curricula in every state the review goes through, 100 applications for
certification (the DHCS report's elements, over five fiscal years) and 200 roster lines: 100,000 certifications,
2,000,000 CE entries and 50,000 curricula, and every change audited (about 2.4 records a CE entry
or curriculum step, so well over 1,000,000 audit records).

One unit is made through the services (what the app itself writes, audit records included);
the others are copies of its rows with new ids, the same links and unique values made unique,
inserted in bulk; the audit records of the copies are chained after the unit's with the chain's
own hash (app/audit/chain.py), so ``flask --app wsgi audit verify`` passes. Reviewers and the
administrator are shared by every unit. Every account's password is PASSWORD.
Writes the accounts the driver signs in with to ``--accounts`` (JSON).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "bench horse battery staple"
UNITS_AT_FULL_SIZE = 1000
PEERS, ENTRIES, ORGANIZATIONS, CURRICULA, APPLICANTS, ROSTER_LINES = 100, 20, 10, 50, 100, 200
REVIEWERS = 20
TODAY = date(2026, 12, 1)
STATES = ("draft", "submitted", "submitted", "revisions_requested", "approved")
PROGRAMS = ("core", "crisis", "pcfm", "unhoused", "justice")
# Rows the copies do not repeat: singletons, sign-in state, queues, and the records reviews
# (their JSON names profile ids; the driver draws its own).
NOT_COPIED = {
    "alembic_version",
    "audit_chain_head",
    "audit_event",
    "scheduled_job",
    "policy_setting",
    "attempt_counter",
    "security_event",
    "outbox_email",
    "account_token",
    "invitation",
    "recovery_code",
    "totp_credential",
    "ce_audit",
    "ce_audit_selection",
    "ce_audit_entry_review",
    "basis_snapshot",  # the framework and policy files' versions, shared by every judgement
    "email_delivery",  # one row per reviewer, and the reviewers are shared by every unit
}
BATCH = 5000


def _app(url: str):
    from app import create_app

    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "ARGON2_TIME_COST": 1}
    )


def _syllabus(program: str) -> str:
    names = {
        "core": "core_80_hour_passing.md",
        "crisis": "crisis_specialization_40_hours.md",
        "pcfm": "pcfm_specialization_40_hours.md",
        "unhoused": "unhoused_specialization_40_hours.md",
        "justice": "justice_specialization_40_hours.md",
    }
    path = ROOT / "curricula" / names[program]
    if not path.exists():  # fall back on any sample of the program
        path = next((ROOT / "curricula").glob(f"{program}*"))
    return path.read_text(encoding="utf-8")


def make_unit(db, stamp: str) -> dict:
    """One unit through the services; returns the accounts the driver uses."""
    from app.auth.models import Organization, Role, User
    from app.auth.services import hash_password, new_session_token
    from app.dbtypes import utcnow

    password_hash = hash_password(PASSWORD)

    def user(role, email, organization=None):
        item = User(
            email=email,
            name=email.split("@")[0].replace(".", " ").title(),
            password_hash=password_hash,
            role=role,
            organization=organization,
            session_token=new_session_token(),
            email_verified_at=utcnow(),
        )
        db.session.add(item)
        return item

    admin = user(Role.ADMIN, f"admin.{stamp}@bench.example.org")
    reviewers = [
        user(Role.REVIEWER, f"reviewer{i}.{stamp}@bench.example.org") for i in range(REVIEWERS)
    ]
    providers = []
    for i in range(ORGANIZATIONS):
        organization = Organization(
            name=f"Bench Training {i} {stamp}",
            contact_email=f"org{i}.{stamp}@bench.example.org",
            approved=True,
        )
        db.session.add(organization)
        providers.append(
            user(Role.PROVIDER, f"provider{i}.{stamp}@bench.example.org", organization)
        )
    db.session.commit()

    curricula = _curricula(db, providers, reviewers)
    peers = _peers(db, lambda email: user(Role.PEER, email), stamp)
    _roster(db, curricula, providers, stamp)
    return {
        "admin": [admin.email],
        "reviewer": [r.email for r in reviewers],
        "provider": [p.email for p in providers],
        "peer": [p.email for p in peers],
        "curricula": [c.id for c in curricula],
        # A draft is its provider's alone: reviewers open the others.
        "reviewable": [c.id for c in curricula if c.state != "draft"],
        "organizations": len(providers),
    }


def _curricula(db, providers, reviewers) -> list:
    from app.policy import DEFAULT_POLICY
    from app.submissions import services
    from app.syllabus.services import check_syllabus

    reports_of = {p: check_syllabus(_syllabus(p), p).to_dict() for p in PROGRAMS}
    curricula = []
    for i in range(CURRICULA):
        provider, reviewer = providers[i % ORGANIZATIONS], reviewers[i % REVIEWERS]
        program, state = PROGRAMS[i % len(PROGRAMS)], STATES[i % len(STATES)]
        curriculum = services.create_draft(
            db.session,
            provider=provider,
            program=program,
            title=f"{program.title()} course {i}",
            language="English",
            syllabus_text=_syllabus(program),
            report=reports_of[program],
        )
        if state != "draft":
            services.submit(db.session, curriculum, provider)
            services.confirm_fee_paid(db.session, curriculum, reviewer)
            services.assign(db.session, curriculum, reviewer, reviewer)
        if state == "revisions_requested":
            services.request_revisions(
                db.session, curriculum, reviewer, comments="Name the hours of each module."
            )
        if state == "approved":
            version = curriculum.current_version
            for error in services.unresolved_errors(db.session, version):
                services.override_finding(
                    db.session,
                    version,
                    reviewer,
                    finding_index=error.index,
                    reason="Accepted in review.",
                )
            services.approve(db.session, curriculum, reviewer, DEFAULT_POLICY, today=TODAY)
        db.session.commit()
        curricula.append(curriculum)

    return curricula


def _peers(db, make_peer, stamp: str) -> list:
    from app.ce import services as ce
    from app.ce.rules import CEEntry
    from app.reports import services as reports

    peers = []
    for i in range(PEERS):
        account = make_peer(f"peer{i}.{stamp}@bench.example.org")
        db.session.flush()
        issued = TODAY - timedelta(days=(i * 7) % 730)  # renewals spread over two years
        profile = ce.save_profile(
            db.session,
            account,
            legal_name=f"Bench Peer {i}",
            certification_number=f"MPSS{100000 + i}",
            issued_on=issued,
            status="active",
            specializations=[],
        )
        for n in range(ENTRIES):
            day = issued + timedelta(days=10 + n * 30)
            ce.save_entry(
                db.session,
                profile,
                None,
                CEEntry(
                    title=f"Course {n} on peer practice",
                    provider="Bench Training",
                    start_date=min(day, TODAY),
                    hours=1.0 + n % 3,
                    source="calmhsa_ce_provider",
                    law_ethics=n % 4 == 0,
                    law_ethics_topics=["le-13"] if n % 4 == 0 else [],
                    evidence=["certificate.pdf"],
                ),
            )
        if i < APPLICANTS:
            reports.save_application(
                db.session,
                account,
                reports.ApplicationInput(
                    age=20 + i % 50,
                    gender_identity=("Woman", "Man", "")[i % 3],
                    race_ethnicity=[("Asian", "Black", "Latino", "White")[i % 4]],
                    languages=["English"] + (["Spanish"] if i % 3 == 0 else []),
                    employment_status=("Employed", "Not employed")[i % 2],
                    employer="County Behavioral Health" if i % 2 == 0 else "",
                    employer_county="Fresno" if i % 2 == 0 else "",
                    residence_county=("Fresno", "Kern", "Alameda")[i % 3],
                    employed_in_peer_services=i % 5 == 0,
                    route="standard",
                ),
                today=TODAY - timedelta(days=(i * 18) % 1825),  # over five fiscal years
            )
        db.session.commit()
        peers.append(account)

    return peers


def _roster(db, curricula, providers, stamp: str) -> None:
    from app.reports import services as reports
    from app.reports.models import CompletionRoster, TrainingRecord

    approved = [c for c in curricula if c.state == "approved"]
    roster = CompletionRoster(
        curriculum_id=approved[0].id,
        stored_name=f"bench-roster-{stamp}.csv",
        original_name="roster.csv",
        rows=ROSTER_LINES,
        uploaded_by_id=providers[0].id,
    )
    db.session.add(roster)
    db.session.flush()
    for i in range(ROSTER_LINES):
        course = approved[i % len(approved)]
        registered = TODAY - timedelta(days=60 + (i * 9) % 1825)
        completed = registered + timedelta(days=30) if i % 4 else None
        db.session.add(
            TrainingRecord(
                roster_id=roster.id,
                curriculum_id=course.id,
                program=course.program,
                person=f"trainee{i}.{stamp}@bench.example.org",
                registered_on=registered,
                completed_on=completed,
                supervisor=i % 10 == 0,
                fiscal_year=reports.dhcs.fiscal_year_of(completed or registered),
            )
        )
    db.session.commit()


def _unique_columns(table) -> set[str]:
    """String columns unique on their own (values the copies must change)."""
    from sqlalchemy import String, UniqueConstraint

    names = {c.name for c in table.columns if c.unique}
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint) and len(constraint.columns) == 1:
            names |= {c.name for c in constraint.columns}
    for index in table.indexes:
        if index.unique and len(index.columns) == 1:
            names |= {c.name for c in index.columns}
    return {n for n in names if isinstance(table.c[n].type, String)}


def _unique(value, k: int):
    if not isinstance(value, str):
        return value
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local}.c{k}@{domain}"
    number = re.fullmatch(r"MPSS(\d+)", value)
    if number:
        return f"MPSS{int(number.group(1)) + k * 1_000_000}"
    return f"{value}-c{k}"


def _insert(db, table, rows: list[dict]) -> None:
    from sqlalchemy import insert

    for start in range(0, len(rows), BATCH):
        with db.engine.begin() as connection:
            connection.execute(insert(table), rows[start : start + BATCH])


def _shifted(row: dict, k: int, stride: dict, links: dict, unique: set, shared: set) -> dict:
    new = dict(row)
    for column, target in links.items():
        value = row[column]
        if value is not None and not (target == "user" and value in shared):
            new[column] = value + k * stride[target]
    for column in unique:
        new[column] = _unique(row[column], k)
    return new


def copy_units(db, copies: int, shared_users: set[int], log) -> dict[str, int]:
    """``copies`` copies of every row of the unit (but the shared users), ids shifted by the
    table's stride, links shifted alike; then the audit records of every copy, chained."""
    from sqlalchemy import select, text

    tables = [t for t in db.metadata.sorted_tables if t.name not in NOT_COPIED]
    stride, rows_of = {}, {}
    with db.engine.connect() as connection:
        for table in tables:
            rows = [dict(r._mapping) for r in connection.execute(select(table))]
            rows_of[table.name] = [
                r for r in rows if table.name != "user" or r["id"] not in shared_users
            ]
            if "id" in table.c:  # a table keyed by its parent's id moves with the parent
                top = connection.execute(text(f'SELECT max(id) FROM "{table.name}"')).scalar()
                stride[table.name] = (top or 0) + 1
    for table in tables:
        rows = rows_of[table.name]
        unique = _unique_columns(table)
        links = {
            fk.parent.name: fk.column.table.name
            for fk in table.foreign_keys
            if fk.column.table.name in stride
        }
        if "id" in table.c:
            links["id"] = table.name
        started = time.perf_counter()
        for first in range(1, copies + 1, 20):
            _insert(
                db,
                table,
                [
                    _shifted(row, k, stride, links, unique, shared_users)
                    for k in range(first, min(copies, first + 19) + 1)
                    for row in rows
                ],
            )
        took = time.perf_counter() - started
        log(f"  {table.name}: {len(rows) * (copies + 1):,} rows ({took:.0f} s)")
    _copy_audit(db, copies, stride, shared_users, log)
    if db.engine.dialect.name == "postgresql":
        _reset_sequences(db, tables)
    return stride


def _copy_audit(db, copies: int, stride: dict, shared_users: set[int], log) -> None:
    """The unit's audit records again for each copy, subject and actor shifted, chained on."""
    from sqlalchemy import select

    from app.audit.chain import link_hash
    from app.audit.models import AuditChainHead, AuditEvent

    started = time.perf_counter()
    with db.engine.connect() as connection:
        events = [
            dict(r._mapping)
            for r in connection.execute(select(AuditEvent).order_by(AuditEvent.seq))
        ]
        head = connection.execute(select(AuditChainHead)).one()
    next_id = max(e["id"] for e in events) + 1
    seq, prev = head.seq, head.hash
    batch = []
    for k in range(1, copies + 1):
        for event in events:
            new = {n: event[n] for n in event if n not in ("id", "seq", "prev_hash", "hash")}
            if event["subject_type"] in stride:  # subjects are named by their table
                new["subject_id"] += k * stride[event["subject_type"]]
            if new["actor_id"] is not None and new["actor_id"] not in shared_users:
                new["actor_id"] += k * stride["user"]
            seq += 1
            new.update(id=next_id, seq=seq, prev_hash=prev)
            new["hash"] = prev = link_hash(prev, new)
            next_id += 1
            batch.append(new)
        if len(batch) >= BATCH or k == copies:
            _insert(db, AuditEvent.__table__, batch)
            batch = []
    with db.engine.begin() as connection:
        connection.execute(AuditChainHead.__table__.update().values(seq=seq, hash=prev))
    log(f"  audit_event: {seq:,} records, chained ({time.perf_counter() - started:.0f} s)")


def _reset_sequences(db, tables) -> None:
    from sqlalchemy import text

    from app.audit.models import AuditEvent

    with db.engine.begin() as connection:
        # The app's engine caps each statement (DATABASE_STATEMENT_TIMEOUT); a bulk load may not.
        connection.execute(text("SET LOCAL statement_timeout = 0"))
        for table in [*tables, AuditEvent.__table__]:
            if "id" in table.c and table.c.id.autoincrement is not False:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f'coalesce((SELECT max(id) FROM "{table.name}"), 1))'
                    )
                )
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("SET statement_timeout = 0"))
        connection.execute(text("ANALYZE"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="an EMPTY database")
    parser.add_argument("--scale", type=float, default=0.1, help="share of the future size")
    parser.add_argument("--accounts", default="bench-accounts.json")
    args = parser.parse_args()
    copies = max(1, round(UNITS_AT_FULL_SIZE * args.scale)) - 1

    from flask_migrate import upgrade

    from app.auth.models import Role, User
    from app.extensions import db

    def log(message):
        print(message, flush=True)

    app = _app(args.database_url)
    started = time.perf_counter()
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        log(f"migrated ({time.perf_counter() - started:.0f} s); one unit through the services…")
        accounts = make_unit(db, "b")
        log(f"unit made ({time.perf_counter() - started:.0f} s); {copies} copies…")
        staff = db.select(User.id).where(User.role.in_((Role.REVIEWER, Role.ADMIN)))
        shared = set(db.session.scalars(staff))
        db.session.commit()
        accounts["stride"] = copy_units(db, copies, shared, log)
        accounts["copies"] = copies
        accounts["scale"] = args.scale
        Path(args.accounts).write_text(json.dumps(accounts, indent=1))
    log(f"loaded in {time.perf_counter() - started:.0f} s; accounts in {args.accounts}")


if __name__ == "__main__":
    main()
