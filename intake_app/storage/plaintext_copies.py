"""When a plain database becomes encrypted, its old copies must not stay readable.

Backups (``backups/<stem>-*.db``), files put aside by a restore (``<db>.damaged-*``,
``<db>.aside-*``) and leftovers of an interrupted encryption (``<db>.encrypting``) may hold
a client's name in clear. Each one is encrypted in place with the new key; a file that
cannot be encrypted (damaged) is deleted, since it cannot be kept safely.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from intake_app.storage.backup import backup_dir
from intake_app.storage.encryption import encrypt_plain_file, looks_plain

_SIDE_FILES = ("-wal", "-shm", "-journal")


def _candidates(database: Path) -> Iterator[Path]:
    folder = backup_dir(database)
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.name.startswith(database.stem + "-"))
    for pattern in (f"{database.name}.damaged-*", f"{database.name}.aside-*"):
        yield from sorted(database.parent.glob(pattern))
    yield database.with_name(database.name + ".encrypting")


def _is_side_file(path: Path) -> bool:
    return path.name.endswith(_SIDE_FILES)


def encrypt_plain_copies(database: Path, key: bytes) -> list[Path]:
    """Encrypt (or, when unreadable, delete) every plaintext copy of ``database``.

    Returns the files that were deleted. Side files (``-wal``/``-shm``) of a plain copy
    are read into the encrypted copy first and then deleted.
    """
    removed: list[Path] = []
    for path in list(_candidates(database)):
        if not path.is_file() or path.is_symlink() or _is_side_file(path):
            continue
        if path.name.endswith(".partial") or path.name.endswith(".encrypting"):
            path.unlink(missing_ok=True)  # never a finished copy: nothing to keep
            removed.append(path)
        elif looks_plain(path):
            target = path.with_name(f"{path.name}.{os.getpid()}.encrypting-copy")
            try:
                target.unlink(missing_ok=True)
                encrypt_plain_file(path, target, key)
                target.chmod(0o600)
                fd = os.open(target, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
                target.replace(path)
            except Exception:
                with contextlib.suppress(OSError):
                    target.unlink()
                path.unlink(missing_ok=True)
                removed.append(path)
        for suffix in _SIDE_FILES:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return removed
