"""Curriculum Mapper: application factory."""

from __future__ import annotations

import importlib
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import load_config


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then environment, then ``config`` overrides. No side effects."""
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="static",
        instance_relative_config=True,
    )
    app.config.update(load_config(config))
    if app.config["TRUSTED_PROXIES"]:
        # The client's address, the scheme, host and port it used, and the path prefix the
        # proxy serves the app under (X-Forwarded-Prefix), from that many proxies in front.
        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )

    from app.extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)

    from app.auth.services import init_login

    init_login(app)

    from app.auth.session_policy import init_session_policy

    init_session_policy(app)

    from app.auth.mfa_views import init_mfa

    init_mfa(app)

    from app.context import init_transactions
    from app.errors import init_errors
    from app.security import init_security

    init_errors(app)
    init_security(app)
    init_transactions(app)

    from app.limits.web import init_rate_limits
    from app.security_log.hooks import init_security_log

    init_rate_limits(app)
    init_security_log(app)

    from app.rendering import render_markdown

    app.jinja_env.filters["markdown"] = render_markdown
    # Templates mark their text with _(): Flask-Babel translates it into the request's locale.
    from app.i18n import init_i18n

    init_i18n(app)

    from app.framework.exam_info import init_exam_info
    from app.framework.localized import init_framework_language
    from app.main.navigation import init_navigation

    init_exam_info(app)
    init_framework_language(app)

    init_navigation(app)

    from app.routing import init_routing

    init_routing(app)
    _import_models()
    from app.wiring import connect

    connect()
    from app.judgements.services import init_recording, judged_under

    init_recording()
    app.jinja_env.globals.update(judged_under=judged_under)
    _register_blueprints(app)

    from app.cli import register_cli

    register_cli(app)
    return app


# Every module that defines tables, so metadata (create_all, Alembic) knows them all.
MODEL_MODULES = (
    "app.auth.models",
    "app.audit.models",
    "app.notifications.models",
    "app.appeals.models",
    "app.submissions.models",
    "app.submissions.thread_models",
    "app.ce.models",
    "app.registry.models",
    "app.settings.models",
    "app.limits.models",
    "app.security_log.models",
    "app.complaints.models",
    "app.providers.models",
    "app.reports.models",
    "app.alerts.models",
    "app.ce.roster_models",
    "app.judgements.models",
    "app.directory.models",
)


def _import_models() -> None:

    for module_name in MODEL_MODULES:
        importlib.import_module(module_name)


def _register_blueprints(app: Flask) -> None:
    from app.api import bp as api_bp
    from app.appeals.views import bp as appeal_pages_bp
    from app.auth.account_views import bp as account_bp
    from app.auth.log_views import bp as logs_bp
    from app.auth.mfa_views import bp as mfa_bp
    from app.auth.views import bp as auth_bp
    from app.backup.views import bp as exports_bp
    from app.ce.dispute_views import bp as disputes_bp
    from app.ce.roster_views import bp as rosters_bp
    from app.ce.views import bp as ce_bp
    from app.complaints.views import bp as complaints_bp
    from app.directory.views import bp as directory_bp
    from app.framework.views import bp as framework_bp
    from app.inbox.views import bp as inbox_bp
    from app.judgements.views import bp as judgements_bp
    from app.main.health import bp as health_bp
    from app.main.outbox import bp as mail_bp
    from app.main.views import bp as main_bp
    from app.providers.views import bp as providers_bp
    from app.registry.views import bp as registry_bp
    from app.reports.views import bp as reports_bp
    from app.settings.views import bp as settings_bp
    from app.submissions.appeal_views import bp as appeals_bp
    from app.submissions.thread_views import bp as threads_bp
    from app.submissions.views import bp as submissions_bp
    from app.syllabus.views import bp as syllabus_bp

    for blueprint in (
        main_bp,
        health_bp,
        auth_bp,
        account_bp,
        mfa_bp,
        logs_bp,
        framework_bp,
        syllabus_bp,
        submissions_bp,
        ce_bp,
        registry_bp,
        settings_bp,
        api_bp,
        complaints_bp,
        providers_bp,
        appeals_bp,
        threads_bp,
        appeal_pages_bp,
        exports_bp,
        reports_bp,
        inbox_bp,
        rosters_bp,
        disputes_bp,
        mail_bp,
        judgements_bp,
        directory_bp,
    ):
        app.register_blueprint(blueprint)
