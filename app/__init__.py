"""Curriculum Mapper: application factory."""

from __future__ import annotations

import importlib
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import load_config


def _untranslated(text: str, **values: Any) -> str:
    """Return the text as written, with any named values filled in."""
    return text % values if values else text


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

    from app.extensions import csrf, db, login_manager, migrate  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)

    from app.auth.services import init_login  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

    init_login(app)

    from app.auth.session_policy import init_session_policy  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

    init_session_policy(app)

    from app.auth.mfa_views import init_mfa  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

    init_mfa(app)

    from app.context import init_transactions  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.errors import init_errors  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.security import init_security  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

    init_errors(app)
    init_security(app)
    init_transactions(app)

    from app.limits.web import init_rate_limits  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.security_log.hooks import init_security_log  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

    init_rate_limits(app)
    init_security_log(app)

    from app.rendering import render_markdown  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

    app.jinja_env.filters["markdown"] = render_markdown
    # Templates mark their text for translation with _(); until a catalogue is installed
    # the marked text is shown as written.
    app.jinja_env.globals.setdefault("_", _untranslated)

    from app.main.navigation import init_navigation  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

    init_navigation(app)

    from app.routing import init_routing  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

    init_routing(app)
    _import_models()
    _register_blueprints(app)

    from app.cli import register_cli  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

    register_cli(app)
    return app


# Every module that defines tables, so metadata (create_all, Alembic) knows them all.
MODEL_MODULES = (
    "app.auth.models",
    "app.audit.models",
    "app.notifications.models",
    "app.submissions.models",
    "app.ce.models",
    "app.registry.models",
    "app.settings.models",
    "app.limits.models",
    "app.security_log.models",
    "app.complaints.models",
    "app.providers.models",
    "app.reports.models",
)


def _import_models() -> None:

    for module_name in MODEL_MODULES:
        importlib.import_module(module_name)


def _register_blueprints(app: Flask) -> None:
    from app.api import bp as api_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.auth.account_views import bp as account_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.auth.log_views import bp as logs_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.auth.mfa_views import bp as mfa_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.auth.views import bp as auth_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.backup.views import bp as exports_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.ce.views import bp as ce_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.complaints.views import bp as complaints_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.framework.views import bp as framework_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.main.health import bp as health_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.main.views import bp as main_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.providers.views import bp as providers_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.registry.views import bp as registry_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.reports.views import bp as reports_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.settings.views import bp as settings_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.submissions.appeal_views import bp as appeals_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.submissions.views import bp as submissions_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)
    from app.syllabus.views import bp as syllabus_bp  # noqa: PLC0415 (loaded by create_app: importing the package stays light)

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
        exports_bp,
        reports_bp,
    ):
        app.register_blueprint(blueprint)
