"""The CE log and registry imports read .xlsx workbooks as they read CSV: same preview, errors by
row and all-or-nothing import; other formats are refused with what to do instead."""

from __future__ import annotations

import io
from datetime import date, datetime

from sqlalchemy import select

from app.auth.models import Role
from app.ce import services
from app.registry.models import CertificationRecord
from tests.ce.factories import make_profile
from tests.factories import login, make_user
from tests.workbooks import make_xlsx

LOG = [
    ["Course Name", "Provider", "Completion Date", "Credit Hours"],
    ["Ethics in Peer Work", "Golden State Peer Training", datetime(2026, 1, 12), 6],
    ["Crisis Basics", "County BH", date(2026, 2, 3), 1.5],
]


def _peer(app):
    client = app.test_client()
    user = make_user(Role.PEER)
    profile = make_profile(user)
    login(client, user)
    return client, profile


def _send(client, url, data: bytes, name: str, **extra):
    return client.post(
        url,
        data={"file": (io.BytesIO(data), name), **extra},
        content_type="multipart/form-data",
    )


def test_a_peers_workbook_is_previewed_then_imported(app, db):
    client, profile = _peer(app)
    preview = _send(client, "/ce/import", make_xlsx(LOG), "my-ce.xlsx")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Check how your columns are read" in page
    assert "Ethics in Peer Work" in page and "2026-01-12" in page
    db.session.refresh(profile)
    assert profile.entries == []
    # The preview carries the workbook's rows as text, as it does a CSV's.
    text = page.split('name="text" type="hidden" value="')[1].split('"')[0]
    done = client.post(
        "/ce/import",
        data={
            "text": text.replace("&#34;", '"'),
            "confirm": "y",
            "source": "calmhsa_ce_provider",
            "format": "in_person",
        },
    )
    assert done.status_code == 302
    db.session.refresh(profile)
    assert sorted((e.title, e.hours, e.end_date or e.start_date) for e in profile.entries) == [
        ("Crisis Basics", 1.5, date(2026, 2, 3)),
        ("Ethics in Peer Work", 6.0, date(2026, 1, 12)),
    ]


def test_a_bad_date_cell_refuses_the_whole_workbook_with_its_row(app, db):
    client, profile = _peer(app)
    rows = [*LOG, ["Boundaries", "County BH", "13/45/2026", 2]]
    response = _send(client, "/ce/import", make_xlsx(rows), "my-ce.xlsx")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Nothing was imported" in page
    assert "line 4" in page.lower() and "13/45/2026" in page
    db.session.refresh(profile)
    assert profile.entries == []


def test_other_formats_and_oversized_files_are_refused_with_what_to_do(app, db):
    client, _profile = _peer(app)
    for data, name, says in [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "my-ce.xls", "Excel 97"),
        (b"PK\x03\x04", "my-ce.ods", "OpenDocument"),
        (b"PK\x03\x04", "my-ce.xlsm", "macros"),
    ]:
        response = _send(client, "/ce/import", data, name)
        page = response.get_data(as_text=True)
        assert response.status_code == 422 and says in page, name
        assert "Save it as .xlsx or CSV" in page
    # The size limit is the service's (a large upload in a test client leaves a spooled file).
    text, problem = services.decode_upload((b"a" * (2 * 1024 * 1024 + 1), "my-ce.csv"))
    assert text is None and problem == "The file is larger than 2 MB; split it."


def test_the_registry_imports_a_workbook_all_or_nothing(app, db):
    staff = make_user(Role.ADMIN)
    client = app.test_client()
    login(client, staff)
    header = ["legal_name", "certification_number", "issued_on", "expires_on", "status", "action"]
    good = [
        header,
        ["Sam Lee", "MPSS300101", date(2025, 3, 15), date(2027, 3, 15), "active", "none"],
        ["Kim Park", "MPSS300102", datetime(2024, 6, 1), datetime(2026, 6, 1), "active", "none"],
    ]
    bad = [*good, ["Bad Date", "MPSS300103", "02/30/2025", date(2027, 1, 1), "active", "none"]]
    refused = _send(client, "/registry/import", make_xlsx(bad), "registry.xlsx")
    assert refused.status_code == 422 and "line 4" in refused.get_data(as_text=True)
    assert db.session.scalars(select(CertificationRecord)).all() == []
    assert _send(client, "/registry/import", make_xlsx(good), "registry.xlsx").status_code == 302
    numbers = set(db.session.scalars(select(CertificationRecord.certification_number)))
    assert numbers == {"MPSS300101", "MPSS300102"}
    xls = _send(
        client, "/registry/import", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 9, "r.xls"
    )
    assert xls.status_code == 422 and "Save it as .xlsx or CSV" in xls.get_data(as_text=True)
