"""Fixtures for the checker tests."""

from __future__ import annotations

from pathlib import Path

import pytest

CURRICULA = Path(__file__).resolve().parents[2] / "curricula"


@pytest.fixture
def curricula() -> Path:
    return CURRICULA
