"""The pictures the browser tests take go to a folder of this checkout, not one all users share."""

from __future__ import annotations

import importlib

from tests.browser import artifacts


def test_pictures_are_kept_in_the_checkout_unless_a_folder_is_named(monkeypatch, tmp_path):
    monkeypatch.delenv("BROWSER_ARTIFACTS", raising=False)
    default = importlib.reload(artifacts)
    assert default.ARTIFACTS.is_relative_to(default.ROOT)
    assert default.SCREENSHOTS.is_relative_to(default.ARTIFACTS)
    monkeypatch.setenv("BROWSER_ARTIFACTS", str(tmp_path))
    named = importlib.reload(artifacts)
    assert named.SCREENSHOTS.is_relative_to(tmp_path)
    monkeypatch.delenv("BROWSER_ARTIFACTS")
    importlib.reload(artifacts)
