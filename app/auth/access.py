"""Route and object authorization helpers used by every blueprint."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app
from flask_login import current_user

from app.auth.models import Role


def roles_required(*roles: Role | str) -> Callable:
    """Decorator: signed-in users with one of ``roles`` pass; anonymous users are sent to sign in
    (401 JSON under /api/), users with another role get 403."""

    allowed = {Role(r) for r in roles}

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
