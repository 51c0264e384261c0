"""The one way the app writes a file (design.md section 3, "The gate").

Every file the app writes (PDFs, session files, statistics, the keys file, backups' side
files) goes through ``write_bytes``/``write_text``/``atomic_file``:

- owner-only (0600): most of these files hold personal data;
- written to a unique temporary file in the target folder, flushed to disk, then renamed over
  the target (``os.replace``): a reader never sees half a file, and parallel writers never
  share a temporary name;
- the temporary file is removed on any failure (disk full, a kill by an exception, a bad
  value half-way through a ``json.dump``), so no plain copy of the data is left behind;
- a target that is not a regular file (a folder, a device such as ``/dev/full``, a FIFO, a
  symbolic link) or an empty name is refused with one sentence, before anything is written.

``tests/test_safe_write.py`` reads the source tree and fails when another module opens a file
for writing itself.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from intake_app.core.errors import IntakeError
from intake_app.core.marks import N_

FILE_MODE = 0o600

# Plain Dutch for the reasons a write fails most often; anything else keeps the system text.
_REASONS = {
    errno.ENOSPC: N_("de schijf is vol"),
    errno.EDQUOT: N_("de schijf is vol"),
    errno.EACCES: N_("u mag daar niet schrijven"),
    errno.EPERM: N_("u mag daar niet schrijven"),
    errno.EROFS: N_("de schijf is alleen-lezen"),
    errno.ENAMETOOLONG: N_("de naam is te lang"),
}


class FileWriteError(IntakeError):
    """A file cannot be written where the person asked for it."""


class FileReadError(IntakeError):
    """A file given to the app cannot be read as what it should be."""


def _reason(exc: OSError | ValueError) -> str:
    if not isinstance(exc, OSError):
        return N_("de naam is ongeldig")  # e.g. a NUL byte in the name
    return _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


_CANNOT = {
    "write": N_("Het bestand {path} kan niet worden geschreven: {reason}."),
    "read": N_("Het bestand {path} kan niet worden gelezen: {reason}."),
}


def _failure(
    kind: type[FileWriteError] | type[FileReadError], path: Path, exc: OSError | ValueError
) -> IntakeError:
    """The one sentence for a failed write or read of ``path``, with the reason in plain Dutch."""
    message = _CANNOT["write" if kind is FileWriteError else "read"]
    return kind(message, path=path, reason=_reason(exc))


def check_target(out: Path) -> Path:
    """``out`` if the app may write there; otherwise one sentence saying why not."""
    if str(out) in ("", ".") or not out.name:
        raise FileWriteError(N_("Geef een bestandsnaam."))
    if "\x00" in str(out):
        raise FileWriteError(N_("De bestandsnaam bevat een ongeldig teken."))
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _failure(FileWriteError, out, exc) from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise FileWriteError(N_("{path} is een map. Geef een bestandsnaam."), path=out)
    if mode is not None and not stat.S_ISREG(mode):
        raise FileWriteError(
            N_("{path} is geen gewoon bestand; kies een andere bestandsnaam."), path=out
        )
    parent = out.parent
    if not parent.is_dir():
        raise FileWriteError(N_("De map {path} bestaat niet."), path=parent)
    return out


@contextmanager
def atomic_file(out: Path) -> Iterator[BinaryIO]:
    """A binary handle on a new temporary file beside ``out``; renamed to ``out`` at the end.

    Whatever goes wrong inside the ``with`` block (also a non-OS error), the temporary file
    is removed and ``out`` keeps what it had.
    """
    check_target(out)
    try:
        # mkstemp: a unique name (O_EXCL), created with mode 0600.
        handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise _failure(FileWriteError, out, exc) from exc
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        check_target(out)  # the target may have changed kind while we wrote
        Path(temporary).replace(out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise _failure(FileWriteError, out, exc) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(out.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes(out: Path, data: bytes) -> Path:
    with atomic_file(out) as file:
        file.write(data)
    return out


def write_text(out: Path, text: str) -> Path:
    return write_bytes(out, text.encode("utf-8"))


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; refused otherwise, in one sentence.

    Files from elsewhere (imports, merges) may be anything: a FIFO would block ``open`` and
    ``/dev/zero`` never ends. The file is opened without blocking, checked to be a regular
    file with ``fstat`` on the open handle (no swap in between), and read up to the limit.
    """
    if str(path) in ("", "."):
        raise FileReadError(N_("Geef een bestandsnaam."))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise FileReadError(N_("Het bestand {path} bestaat niet."), path=path) from exc
    except IsADirectoryError as exc:
        raise FileReadError(N_("{path} is een map. Geef een bestandsnaam."), path=path) from exc
    except (OSError, ValueError) as exc:
        raise _failure(FileReadError, path, exc) from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileReadError(N_("{path} is een map. Geef een bestandsnaam."), path=path)
        if not stat.S_ISREG(info.st_mode):
            raise FileReadError(N_("{path} is geen gewoon bestand."), path=path)
        if info.st_size > max_bytes:
            raise FileReadError(N_("Het bestand {path} is te groot."), path=path)
        with os.fdopen(fd, "rb") as file:
            fd = -1  # the file object closes it now
            data = file.read(max_bytes + 1)
    except OSError as exc:
        raise _failure(FileReadError, path, exc) from exc
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:  # grew while we read
        raise FileReadError(N_("Het bestand {path} is te groot."), path=path)
    return data
