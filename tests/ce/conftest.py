"""Fixtures for the CE tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def curricula() -> Path:
    return Path(__file__).resolve().parents[2] / "curricula"
