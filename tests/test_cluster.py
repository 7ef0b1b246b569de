"""Two app servers (gunicorn processes on two ports), one PostgreSQL, one SeaweedFS: what one
server stores, the other serves; a person signed in on one continues on the other."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from app.auth.models import Role
from app.ce.models import CEEntryRecord, EvidenceFile
from app.submissions.models import CurriculumVersion
from tests.ce.test_views import _add, _profile
from tests.conftest import s3_environment
from tests.factories import DEFAULT_PASSWORD, login, make_user

ROOT = Path(__file__).resolve().parents[1]
SYLLABUS = ROOT / "curricula" / "core_incomplete_short.md"
PDF = b"%PDF-1.4\n" + secrets.token_bytes(30_000) + b"\n%%EOF"

pytestmark = [pytest.mark.postgres, pytest.mark.cluster]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie jar and forms by hand: cookies are not per port, so both servers get them."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
        )

    def request(self, url: str, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def csrf(self, url: str) -> str:
        status, _, body = self.request(url)
        assert status == 200, (url, status)
        return re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', body).group(1).decode()

    def post(self, url: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] = {}):  # noqa: B006
        boundary = secrets.token_hex(12)
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request(url, body, headers)


@pytest.fixture
def two_servers(app, postgres_url, s3_location, tmp_path) -> Iterator[tuple[str, str]]:
    """Two gunicorn processes on the test database and bucket, as deploy/cluster.sh runs them."""
    env = {
        **os.environ,
        **s3_environment(),
        "DATABASE_URL": postgres_url,
        "STORAGE_URL": s3_location,
        "SECRET_KEY": "shared-by-every-server",
    }
    env.pop("MAIL_SERVER", None)
    servers, urls = [], []
    for name in ("a", "b"):
        port = _free_port()
        log = open(tmp_path / f"gunicorn-{name}.log", "wb")  # noqa: SIM115
        servers.append(
            (
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "--workers",
                        "2",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "wsgi:app",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                ),
                log,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(url + "/readyz", timeout=5) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    pass
                assert time.monotonic() < deadline, (tmp_path / "gunicorn-a.log").read_text()
                time.sleep(0.3)
        yield urls[0], urls[1]
    finally:
        for process, log in servers:
            process.terminate()
            process.wait(timeout=30)
            log.close()


def _sign_in(browser: Browser, url: str, email: str) -> None:
    token = browser.csrf(url + "/login")
    status, headers, _ = browser.post(
        url + "/login", {"email": email, "password": DEFAULT_PASSWORD, "csrf_token": token}
    )
    assert status == 302 and "/login" not in headers["Location"], (status, headers)


def _sign_in_on_one_server_and_continue_on_the_other(a: str, b: str) -> None:
    email = make_user(Role.PEER).email
    browser = Browser()
    _sign_in(browser, a, email)
    status, _, body = browser.request(b + "/account")
    assert status == 200 and email.encode() in body
    # A form whose token server A issued is accepted by server B (one key, one session).
    token = browser.csrf(a + "/account")
    status, headers, _ = browser.post(b + "/logout", {"csrf_token": token})
    assert status == 302
    status, headers, _ = browser.request(a + "/account")
    assert status == 302 and "/login" in headers["Location"]  # signed out everywhere


def test_two_servers_share_sessions_and_files(two_servers, app, db, client):
    """One test, so the two servers start once: they take most of its time."""
    a, b = two_servers
    _sign_in_on_one_server_and_continue_on_the_other(a, b)
    peer, provider = make_user(Role.PEER), make_user(Role.PROVIDER)
    login(client, peer)  # the CE record is set up in-process, on the same database
    _profile(client)
    _add(client)
    entry_id = db.session.scalars(db.select(CEEntryRecord.id)).one()

    peer_browser = Browser()
    _sign_in(peer_browser, a, peer.email)
    token = peer_browser.csrf(f"{a}/ce/entries/{entry_id}")
    status, _, _ = peer_browser.post(
        f"{a}/ce/entries/{entry_id}/evidence",
        {"csrf_token": token},
        {"file": ("certificate.pdf", PDF)},
    )
    assert status == 302
    evidence = db.session.scalars(db.select(EvidenceFile)).one()
    status, headers, body = peer_browser.request(f"{b}/ce/evidence/{evidence.stored_name}")
    assert status == 200 and body == PDF
    assert headers["Content-Disposition"] == "attachment; filename=certificate.pdf"
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Length"] == str(len(PDF))
    assert headers["X-Content-Type-Options"] == "nosniff"

    provider_browser = Browser()
    _sign_in(provider_browser, b, provider.email)
    token = provider_browser.csrf(f"{b}/provider/curricula/new")
    status, headers, _ = provider_browser.post(
        f"{b}/provider/curricula/new",
        {"csrf_token": token, "program": "core", "title": "Two servers", "language": "English"},
        {"upload": ("syllabus.md", SYLLABUS.read_bytes())},
    )
    assert status == 302, headers
    curriculum_path = headers["Location"]
    version = db.session.scalars(db.select(CurriculumVersion)).one()
    assert version.stored_name and curriculum_path.endswith(f"/curricula/{version.curriculum_id}")
    status, headers, body = provider_browser.request(
        f"{a}/curricula/{version.curriculum_id}/files/{version.stored_name}"
    )
    assert status == 200 and body == SYLLABUS.read_bytes()
    assert headers["Content-Disposition"] == "attachment; filename=syllabus.md"
