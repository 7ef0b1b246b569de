"""Encryption of backups and person exports with age (the pyrage binding), and owner-only files.

The operator supplies the key: an age identity (``AGE-SECRET-KEY-1…``, as ``flask --app wsgi
backup new-key`` or ``age-keygen`` writes it) or, for writing only, its public recipient
(``age1…``), so the machine that takes backups never needs the key that reads them. It comes
from ``--key-file PATH``, else from the file named by ``BACKUP_KEY_FILE``, else from the
``BACKUP_KEY`` variable itself. The files are age's own format: ``age -d -i key.txt`` opens them
without the app.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyrage
from pyrage import x25519

KEY_ENV = "BACKUP_KEY"
KEY_FILE_ENV = "BACKUP_KEY_FILE"
OWNER_ONLY = 0o600


class BackupKeyError(Exception):
    """No usable key was supplied, or the key does not open the file; the message says why."""


def _key_lines(key_file: str | None) -> list[str]:
    path = key_file or os.environ.get(KEY_FILE_ENV)
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise BackupKeyError(f"Cannot read the key file {path}: {error.strerror}.") from None
    else:
        text = os.environ.get(KEY_ENV, "")
    lines = [line.strip() for line in text.splitlines()]
    keys = [line for line in lines if line and not line.startswith("#")]
    if not keys:
        raise BackupKeyError(
            f"No backup key: give --key-file, or set {KEY_FILE_ENV} or {KEY_ENV} "
            "(make one with `flask --app wsgi backup new-key PATH`)."
        )
    return keys


def recipients(key_file: str | None = None) -> list[x25519.Recipient]:
    """Who can open what is written: the recipients given, or the public side of the identities."""
    found = []
    for key in _key_lines(key_file):
        try:
            if key.startswith("AGE-SECRET-KEY-"):
                found.append(x25519.Identity.from_str(key).to_public())
            else:
                found.append(x25519.Recipient.from_str(key))
        except (pyrage.IdentityError, pyrage.RecipientError):
            raise BackupKeyError(
                "The backup key is not an age key (AGE-SECRET-KEY-1… or age1…)."
            ) from None
    return found


def identities(key_file: str | None = None) -> list[x25519.Identity]:
    """The secret keys that open a backup (a recipient alone cannot)."""
    found = []
    for key in _key_lines(key_file):
        if not key.startswith("AGE-SECRET-KEY-"):
            continue
        try:
            found.append(x25519.Identity.from_str(key))
        except pyrage.IdentityError:
            raise BackupKeyError(
                "The backup key is not an age secret key (AGE-SECRET-KEY-1…)."
            ) from None
    if not found:
        raise BackupKeyError(
            "Opening a backup needs the secret key (AGE-SECRET-KEY-1…), not age1…."
        )
    return found


def new_identity() -> tuple[str, str]:
    """A new secret key and its public recipient, as text."""
    identity = x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def open_private(path: str | Path):
    """Open ``path`` for writing, created owner-only (0600) whatever the umask; an existing file
    is replaced by a new one, so a file once world-readable does not keep its mode."""
    target = Path(path)
    target.unlink(missing_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    os.fchmod(descriptor, OWNER_ONLY)
    return os.fdopen(descriptor, "wb")


def encrypt_to(source: Path, path: str | Path, to: list[x25519.Recipient]) -> None:
    """Encrypt the file ``source`` into ``path`` (owner-only), written beside it then renamed."""
    partial = Path(f"{path}.partial")
    with source.open("rb") as reader, open_private(partial) as writer:
        try:
            pyrage.encrypt_io(reader, writer, to)
        except pyrage.EncryptError as error:
            raise BackupKeyError(f"Encrypting failed: {error}.") from None
        writer.flush()
        os.fsync(writer.fileno())
    os.replace(partial, path)


def write_encrypted(data: bytes, path: str | Path, to: list[x25519.Recipient]) -> None:
    """Encrypt ``data`` into ``path`` (owner-only)."""
    partial = Path(f"{path}.partial")
    with open_private(partial) as writer:
        writer.write(pyrage.encrypt(data, to))
        writer.flush()
        os.fsync(writer.fileno())
    os.replace(partial, path)


def decrypt_to(path: str | Path, target: Path, keys: list[x25519.Identity]) -> None:
    """Decrypt the age file ``path`` into ``target`` (owner-only)."""
    with open(path, "rb") as reader, open_private(target) as writer:
        try:
            pyrage.decrypt_io(reader, writer, keys)
        except pyrage.DecryptError as error:
            raise BackupKeyError(
                f"Cannot decrypt {path} with this key ({error}); it needs the key it was written for."
            ) from None
