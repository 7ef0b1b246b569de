"""Fixtures of the backup tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.backup import keys


@pytest.fixture
def backup_key(tmp_path, monkeypatch) -> Path:
    """An age key in a file named by BACKUP_KEY_FILE, as an operator would set it."""
    secret, _ = keys.new_identity()
    path = tmp_path / "backup-key.txt"
    path.write_text(secret + "\n")
    monkeypatch.setenv(keys.KEY_FILE_ENV, str(path))
    monkeypatch.delenv(keys.KEY_ENV, raising=False)
    return path
