"""Fixtures for the framework tests: the real catalog and a scratch copy of the data folder."""

from __future__ import annotations

import shutil

import pytest

from app.framework.loader import DEFAULT_DIR


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of competencies/ for damaging on purpose."""
    target = tmp_path / "competencies"
    shutil.copytree(DEFAULT_DIR, target)
    return target
