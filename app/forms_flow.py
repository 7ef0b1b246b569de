"""Posting a form, one way everywhere: check it, call the service, then go on or show it again.

A page's POST handler reads as the four things that differ between forms: the form, the service
call, where to go when it went through, and the page that shows the form again with what was
typed. The rest (CSRF and field checks, the rollback and message of a refusal, the status of the
page shown again) is here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.errors import Outcome, attempt, refusal_status, say_what_was_kept


def error_status(outcome: Outcome) -> int:
    """The status of the refusal itself (400, 403, 404, 409, ... as the service raised it)."""
    return outcome.error.status


def post_form(
    form,
    call: Callable[[], Any] | None = None,
    *,
    done: Callable[[Any], Any],
    again: Callable[[int], Any],
    errors_in=None,
    success: str = "",
    run: Callable[[], Outcome] | None = None,
    valid: Callable[[], bool] | None = None,
    invalid_status: int = 422,
    refused_status: Callable[[Outcome], int] = refusal_status,
    when_invalid: Callable[[], None] | None = None,
    when_refused: Callable[[], None] | None = None,
    kept: str | None = None,
):
    """Check ``form`` (``valid``, by default its CSRF token and fields); when it passes, ``call``
    the service through ``attempt`` (a refusal is rolled back and its message is shown under the
    field ``errors_in``, or flashed; ``success`` is flashed when it goes through), or ``run`` a
    call that already gives an Outcome. Through: the answer is ``done(value)``, usually a redirect.

    Otherwise the answer is ``again(status)``, the page with the form as typed: ``invalid_status``
    for a form that did not pass (after ``when_invalid``, which may add what to fix), and
    ``refused_status(outcome)`` for a refusal (by default 409 when the record changed meanwhile,
    422 otherwise), after ``when_refused``. ``kept``: the text typed, repeated in a flash when a
    lost race means the form may not come back (``say_what_was_kept``)."""
    outcome = None
    if valid() if valid is not None else form.validate_on_submit():
        outcome = (
            run()
            if run is not None
            else attempt(
                call,
                errors=errors_in.errors if errors_in is not None else None,
                success=success,
            )
        )
        if outcome.ok:
            return done(outcome.value)
    if kept is not None:
        say_what_was_kept(outcome, kept)
    if outcome is None:
        if when_invalid is not None:
            when_invalid()
        return again(invalid_status)
    if when_refused is not None:
        when_refused()
    return again(refused_status(outcome))
