"""The registry calls CE only through the functions CE gives it at start-up."""

from __future__ import annotations

import pytest

from app.ce import registry_link
from app.ce.rules import renewal_status
from app.registry import hooks


def test_the_app_gives_the_registry_ces_functions(app):
    assert hooks.CE.link_profile is registry_link.link_profile
    assert hooks.CE.sync_profiles is registry_link.sync_profiles
    assert hooks.CE.ce_summary is registry_link.ce_summary
    assert hooks.CE.renewal_status is renewal_status


def test_an_unknown_function_is_refused_and_a_missing_one_says_so(monkeypatch):
    with pytest.raises(TypeError, match="hours_of"):
        hooks.use(hours_of=len)
    monkeypatch.setattr(hooks.CE, "ce_summary", hooks.CE.not_connected("ce_summary"))
    with pytest.raises(RuntimeError, match="ce_summary"):
        hooks.CE.ce_summary(None, None, None, None)
    hooks.use(ce_summary=len)
    assert hooks.CE.ce_summary("four") == 4
