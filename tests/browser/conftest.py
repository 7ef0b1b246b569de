"""Browser fixtures: the app served on localhost, Debian's Chromium driven by Playwright.

Chromium comes from Debian's package (/usr/bin/chromium), never downloaded by Playwright, and
axe-core from npm. When either is missing the browser tests are skipped, with the reason, on a
developer machine, and fail under CI (tests/browser/tools.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from app.storage import is_remote, storage_for
from tests.browser.artifacts import ARTIFACTS
from tests.browser.tools import CHROMIUM, in_ci, missing_tools
from tests.conftest import TEST_S3_ENDPOINT, s3_environment

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
COMPETENCIES = Path(__file__).resolve().parents[2] / "competencies"


@dataclass
class LiveServer:
    url: str
    app: Flask


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The app with CSRF on, a fresh SQLite file database, served in a thread on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("live")
    # scripts/test.sh runs the file upload tests a second time with the files in SeaweedFS.
    storage = os.environ.get("TEST_BROWSER_STORAGE_URL") or str(folder / "uploads")
    if is_remote(storage):
        if not TEST_S3_ENDPOINT:
            pytest.fail("TEST_BROWSER_STORAGE_URL needs TEST_S3_ENDPOINT (scripts/test.sh)")
        os.environ.update(s3_environment())
        storage_for(storage).create_bucket()
    app = create_app(
        {
            "SECRET_KEY": "browser-tests",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'live.sqlite3'}",
            "UPLOAD_DIR": storage,
            "WTF_CSRF_ENABLED": True,
            "MFA_REQUIRED_ROLES": (),  # test_mfa_flow.py turns it on for its reviewer
            # Every browser test signs in from 127.0.0.1 against this one server: the per-address
            # limit (tested in tests/limits) would count the whole session's refused sign-ins.
            "LOGIN_ADDRESS_MAX_ATTEMPTS": 10_000,
        }
    )
    with app.app_context():
        db.create_all()
    port = _free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{port}", app)
    server.shutdown()


def pytest_collection_modifyitems(config, items):
    """Skip every browser test, saying why, when Chromium or axe-core is missing (never in CI)."""
    reason = missing_tools()
    if reason is None or in_ci():
        return
    skip = pytest.mark.skip(reason=f"browser test: {reason}")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    reason = missing_tools()
    skipped = [
        r for r in terminalreporter.stats.get("skipped", []) if "browser test: " in str(r.longrepr)
    ]
    if reason and skipped and not in_ci():
        terminalreporter.section("browser tests")
        terminalreporter.line(f"{len(skipped)} browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    reason = missing_tools()
    if reason:
        # Reached only under CI, where the collection hook skips nothing: a missing tool fails.
        pytest.fail(f"{reason}; scripts/test.sh installs Chromium and axe-core")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def framework_copy(live_server, tmp_path) -> Iterator[Path]:
    """A copy of competencies/ that the live app reads while the test edits it, for this test
    only: the app reads its own folder again afterwards."""
    folder = tmp_path / "competencies"
    shutil.copytree(COMPETENCIES, folder)
    before = live_server.app.config["FRAMEWORK_DIR"]
    live_server.app.config["FRAMEWORK_DIR"] = str(folder)
    try:
        yield folder
    finally:
        live_server.app.config["FRAMEWORK_DIR"] = before
