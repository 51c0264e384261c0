"""The one file writer (core/safe_write.py): owner-only, atomic, no leftovers, no devices.

The last test reads the source tree: a module that opens a file for writing by itself, and
so skips these promises, fails it.
"""

from __future__ import annotations

import ast
import os
import stat
import threading
from pathlib import Path

import pytest

from intake_app.core import safe_write
from intake_app.core.safe_write import FileReadError, FileWriteError

REPO = Path(__file__).resolve().parents[1]


def test_a_new_file_is_owner_only_and_complete(tmp_path: Path) -> None:
    out = safe_write.write_bytes(tmp_path / "a.pdf", b"%PDF-1.4 data")
    assert out.read_bytes() == b"%PDF-1.4 data"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_replacing_a_world_readable_file_makes_it_owner_only(tmp_path: Path) -> None:
    out = tmp_path / "old.json"
    out.write_text("old")
    out.chmod(0o644)
    safe_write.write_text(out, "new")
    assert out.read_text() == "new"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_failure_half_way_leaves_neither_a_temp_file_nor_a_changed_target(
    tmp_path: Path,
) -> None:
    out = tmp_path / "s.json"
    out.write_text("good")
    with pytest.raises(RuntimeError), safe_write.atomic_file(out) as file:
        file.write(b"half of the personal data")
        raise RuntimeError("the export broke off")
    assert out.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


@pytest.mark.parametrize("target", ["", ".", "/dev/full", "/dev/null", "folder", "fifo", "link"])
def test_non_regular_targets_are_refused_in_one_sentence(tmp_path: Path, target: str) -> None:
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "link").symlink_to("/dev/full")
    path = Path(target) if target.startswith("/") or target in ("", ".") else tmp_path / target
    before = os.lstat(path).st_mode if target not in ("", ".") else None
    with pytest.raises(FileWriteError) as caught:
        safe_write.write_bytes(path, b"x")
    assert "\n" not in str(caught.value)
    if before is not None:
        assert os.lstat(path).st_mode == before  # the device node or FIFO is still there
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError, match="bestaat niet"):
        safe_write.write_bytes(tmp_path / "nope" / "a.csv", b"x")


def test_parallel_writers_never_share_a_temporary_name(tmp_path: Path) -> None:
    out = tmp_path / "keys.json"
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for _ in range(20):
                safe_write.write_text(out, f"writer {n}" * 100)
        except BaseException as exc:  # pragma: no cover - the failure we look for
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert out.read_text().startswith("writer ")
    assert [p.name for p in tmp_path.iterdir()] == ["keys.json"]


def test_reading_refuses_special_files_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")  # open() on a FIFO without a writer would block forever
    for path, expected in [
        (tmp_path / "fifo", "geen gewoon bestand"),
        (Path("/dev/zero"), "geen gewoon bestand"),
        (tmp_path, "is een map"),
        (tmp_path / "missing", "bestaat niet"),
    ]:
        with pytest.raises(FileReadError, match=expected):
            safe_write.read_bytes(path, 1000)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 1001)
    with pytest.raises(FileReadError, match="te groot"):
        safe_write.read_bytes(big, 1000)
    assert safe_write.read_bytes(big, 2000) == b"x" * 1001


# -- nobody writes files around the writer ----------------------------------------------------
# Modules that may write files themselves, and why.
ALLOWED = {
    "intake_app/core/safe_write.py": "the writer itself",
    "intake_app/storage/backup.py": "SQLite writes the backup database files (online backup API)",
    "intake_app/bootstrap/security.py": "SQLCipher writes the encrypted copy of a database",
    "intake_app/storage/plaintext_copies.py": "SQLCipher writes the encrypted copies",
    "intake_app/cli/catalogs.py": "developer tool: writes .po catalogs in the source tree",
}
_WRITE_MODES = set("wax+")
_FILE_MAKERS = ("mkstemp", "NamedTemporaryFile", "copyfile", "copy2")


def _is_file_move(name: str, owner: str, func: ast.expr) -> bool:
    """shutil.move or a bare move(); never a widget's move(x, y)."""
    return name == "move" and (owner == "shutil" or isinstance(func, ast.Name))


def _mode(call: ast.Call, position: int) -> str | None:
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        value = call.args[position].value
        return value if isinstance(value, str) else None
    for keyword in call.keywords:
        if keyword.arg == "mode" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return None


def _writes(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
        if name in ("write_bytes", "write_text") and owner != "safe_write":
            found.append((node.lineno, name))
        elif name == "open" and owner in ("", "io", "builtins"):
            mode = _mode(node, 1)
            if mode is not None and set(mode) & _WRITE_MODES:
                found.append((node.lineno, f"open(..., {mode!r})"))
        elif name == "open" and owner == "os":
            found.append((node.lineno, "os.open"))
        elif name == "open" and isinstance(func, ast.Attribute):  # Path.open("w")
            mode = _mode(node, 0)
            if mode is not None and set(mode) & _WRITE_MODES:
                found.append((node.lineno, f".open({mode!r})"))
        elif name == "fdopen":
            mode = _mode(node, 1)
            if mode is not None and set(mode) & _WRITE_MODES:
                found.append((node.lineno, f"fdopen({mode!r})"))
        elif name in _FILE_MAKERS or _is_file_move(name, owner, func):
            found.append((node.lineno, name))
        elif owner == "os" and name in ("replace", "rename"):
            found.append((node.lineno, f"os.{name}"))
    return found


def test_every_file_the_app_writes_goes_through_the_one_writer() -> None:
    offenders = []
    for path in sorted((REPO / "intake_app").rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        if relative in ALLOWED or "/migrations/" in relative:
            continue
        for line, what in _writes(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{relative}:{line}: {what}")
    assert offenders == [], "use intake_app.core.safe_write instead:\n" + "\n".join(offenders)


def test_the_scanner_finds_the_writes_it_looks_for() -> None:
    sample = ast.parse(
        "open(p, 'w')\nPath(p).write_bytes(b'')\nos.open(p, 1)\np.open('ab')\n"
        "os.fdopen(fd, 'wb')\ntempfile.mkstemp()\nos.replace(a, b)\n"
        "safe_write.write_bytes(p, b'')\nopen(p)\np.open('rb')\n"
    )
    assert [line for line, _ in _writes(sample)] == [1, 2, 3, 4, 5, 6, 7]


def test_a_full_disk_during_a_session_export_leaves_no_plain_copy(
    context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up while the session file is flushed (the OS says ENOSPC): one sentence,
    the old file is untouched and no temporary file with the session in it stays behind."""
    import errno

    from tests.sample_session import fill_session

    session_id = fill_session(context.storage.sessions)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "gesprek.json"
    out.write_text("de vorige versie")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FileWriteError, match="de schijf is vol"):
        context.session_files.export_session(session_id, out)
    monkeypatch.undo()
    assert out.read_text() == "de vorige versie"
    assert [p.name for p in folder.iterdir()] == ["gesprek.json"]
