"""Posting a form: what comes back for a form that does not pass, a refusal and a success."""

from __future__ import annotations

import pytest
from flask import get_flashed_messages

from app.errors import Conflict, DomainError
from app.forms_flow import error_status, post_form


class Field:
    def __init__(self):
        self.errors: tuple | list = ()  # as WTForms: a tuple until the form is validated


class Form:
    def __init__(self, passes: bool):
        self.passes = passes
        self.text = Field()

    def validate_on_submit(self) -> bool:
        self.text.errors = []
        return self.passes


def _post(form, call, **options):
    return post_form(
        form,
        call,
        errors_in=form.text,
        done=lambda value: ("done", value),
        again=lambda status: ("again", status),
        **options,
    )


def _refuse(error):
    def call():
        raise error

    return call


@pytest.fixture
def request_context(app):
    with app.test_request_context("/", method="POST"):
        yield


def test_a_form_that_does_not_pass_comes_back_without_calling_the_service(request_context):
    calls = []
    answer = _post(Form(passes=False), lambda: calls.append(1), invalid_status=400)
    assert answer == ("again", 400)
    assert calls == []


def test_a_success_goes_on_with_the_value_and_says_so(request_context):
    answer = _post(Form(passes=True), lambda: 7, success="Saved.")
    assert answer == ("done", 7)
    assert get_flashed_messages(with_categories=True) == [("success", "Saved.")]


def test_a_refusal_shows_its_message_under_the_field_with_422_or_409(request_context):
    form = Form(passes=True)
    assert _post(form, _refuse(DomainError("Say why."))) == ("again", 422)
    assert form.text.errors == ["Say why."]
    form = Form(passes=True)
    assert _post(form, _refuse(Conflict("Changed meanwhile."))) == ("again", 409)
    assert form.text.errors == ["Changed meanwhile."]


def test_the_refusal_status_and_the_hooks_are_the_callers(request_context):
    seen = []
    answer = _post(
        Form(passes=True),
        _refuse(DomainError("No.", status=403)),
        refused_status=error_status,
        when_invalid=lambda: seen.append("invalid"),
        when_refused=lambda: seen.append("refused"),
    )
    assert answer == ("again", 403)
    assert seen == ["refused"]


def test_a_lost_race_repeats_what_was_typed(request_context):
    _post(Form(passes=True), _refuse(Conflict("Decided meanwhile.")), kept="my reason")
    flashed = [m for _, m in get_flashed_messages(with_categories=True)]
    assert any("my reason" in m for m in flashed)
