"""Hooks: a lower package declares the functions it needs, the app fills them at start-up."""

from __future__ import annotations

import pytest

from app.hooks import Hooks


def test_a_hook_is_its_default_until_it_is_filled():
    hooks = Hooks("report", "CE", standing=lambda: "every record")
    assert hooks.names == ("standing",)
    assert hooks.standing() == "every record"
    hooks.use(standing=lambda: "not withdrawn")
    assert hooks.standing() == "not withdrawn"


def test_a_hook_without_a_default_says_who_has_not_connected_it():
    hooks = Hooks("registry", "CE", ce_summary=None)
    with pytest.raises(RuntimeError, match="CE has not given the registry ce_summary"):
        hooks.ce_summary(None, today=None)
    hooks.use(ce_summary=len)
    assert hooks.ce_summary("four") == 4


def test_a_name_the_owner_did_not_declare_is_refused():
    hooks = Hooks("registry", "CE", ce_summary=None)
    with pytest.raises(TypeError, match=r"The registry needs no \['hours_of'\] of CE"):
        hooks.use(hours_of=len, ce_summary=len)
    with pytest.raises(RuntimeError):  # nothing was filled by the refused call
        hooks.ce_summary("four")
