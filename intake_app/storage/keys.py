"""The database key, wrapped once per user password (design.md sections 4 and 5).

One random 256-bit key encrypts the SQLite file (SQLCipher). For every user the key is
stored *wrapped*: encrypted with AES-256-GCM under a key-encryption key derived from that
user's password with Argon2id. Adding or removing a user rewrites one entry of this small
file; the database itself is never re-encrypted.

The wrapped keys live next to the database, in ``<database>.keys.json`` (owner-only), because
they are needed before the database can be opened. The file holds no secret in the clear:
salts, nonces, wrapped keys, and a count of wrong passwords for the lock-out delay.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from intake_app.core import safe_write
from intake_app.core.errors import StorageError
from intake_app.core.marks import N_
from intake_app.core.security import AuthenticationError, LockedOutError, lockout_delay

FORMAT = 1
KEY_BYTES = 32
LOCK_TIMEOUT_SECONDS = 60  # many parallel log-ins queue; one takes at most about 0.3 s


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost. Default: about 0.1-0.3 s on a 2-core laptop (budget: unlock <= 1 s)."""

    time_cost: int = 3
    memory_cost: int = 64 * 1024  # KiB
    parallelism: int = 2


def keys_path(database: Path) -> Path:
    return database.with_name(database.name + ".keys.json")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


MAX_KEYS_BYTES = 1024 * 1024  # a few hundred bytes per user
# Bounds for the key derivation read from the file: a damaged or hostile file must not make
# Argon2 take gigabytes or minutes.
_KDF_BOUNDS = {"time_cost": (1, 20), "memory_cost": (8, 1024 * 1024), "parallelism": (1, 16)}


def _entry_is_sound(entry: object) -> bool:
    """The shape of one user's entry, checked before anything in it is used."""
    if not isinstance(entry, dict):
        return False
    try:
        if len(_unb64(entry["salt"])) < 8 or len(_unb64(entry["nonce"])) != 12:
            return False
        if len(_unb64(entry["wrapped"])) != KEY_BYTES + 16:
            return False
        kdf = entry["kdf"]
        for name, (low, high) in _KDF_BOUNDS.items():
            value = kdf[name]
            if type(value) is not int or not low <= value <= high:
                return False
        failures = entry.get("failures", 0)
        if type(failures) is not int or failures < 0:
            return False
        locked_until = entry.get("locked_until")
        if locked_until is not None and datetime.fromisoformat(locked_until).tzinfo is None:
            return False
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return True


def _user_key(username: str) -> str:
    return username.strip().casefold()


def derive_kek(password: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


class KeyStore:
    """``<database>.keys.json``: the wrapped database key per user."""

    def __init__(self, path: Path, params: KdfParams | None = None) -> None:
        self.path = path
        self.params = params or KdfParams()
        # Wrong passwords before the last successful unlock: the database was closed then,
        # so the caller writes them to the audit log once it is open.
        self.failures_before_unlock = 0

    # -- file -----------------------------------------------------------------------
    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time reads, checks and writes the file (``<keys>.lock``).

        Without it, eight wrong passwords tried at once all read a failure count of 0 and
        all write 1: the lock-out never starts. Held across the key derivation on purpose,
        so a parallel guess waits for the previous one's verdict (0.1-0.3 s each).
        """
        from filelock import FileLock, Timeout

        lock = FileLock(self.path.with_name(self.path.name + ".lock"), mode=0o600)
        try:
            lock.acquire(timeout=LOCK_TIMEOUT_SECONDS)
        except Timeout as exc:
            raise StorageError(
                N_("Het sleutelbestand {path} is bezet. Probeer het zo opnieuw."), path=self.path
            ) from exc
        except OSError as exc:
            raise StorageError(
                N_("Het sleutelbestand {path} kan niet worden gelezen."), path=self.path
            ) from exc
        try:
            yield
        finally:
            lock.release()

    def exists(self) -> bool:
        return self.path.is_file()

    def _read(self) -> dict[str, Any]:
        if not self.path.exists() and not self.path.is_symlink():
            return {"format": FORMAT, "users": {}}
        try:
            data = json.loads(safe_write.read_bytes(self.path, MAX_KEYS_BYTES).decode("utf-8"))
        except (safe_write.FileReadError, ValueError, RecursionError) as exc:
            raise StorageError(
                N_("Het sleutelbestand {path} kan niet worden gelezen."), path=self.path
            ) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StorageError(N_("Het sleutelbestand {path} is onbekend."), path=self.path)
        users = data.get("users")
        if not isinstance(users, dict) or not all(
            isinstance(name, str) and _entry_is_sound(entry) for name, entry in users.items()
        ):
            raise StorageError(
                N_("Het sleutelbestand {path} is beschadigd. Zet het terug uit de back-up."),
                path=self.path,
            )
        return data

    def _write(self, data: dict[str, Any]) -> None:
        # A unique temporary name per write: parallel log-ins never share one.
        safe_write.write_text(self.path, json.dumps(data, indent=1, sort_keys=True))

    def usernames(self) -> list[str]:
        return sorted(self._read()["users"])

    # -- wrapping -------------------------------------------------------------------
    def _wrap(self, username: str, password: str, db_key: bytes) -> dict[str, Any]:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        kek = derive_kek(password, salt, self.params)
        wrapped = AESGCM(kek).encrypt(nonce, db_key, _user_key(username).encode())
        return {
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "wrapped": _b64(wrapped),
            "kdf": {
                "name": "argon2id",
                "time_cost": self.params.time_cost,
                "memory_cost": self.params.memory_cost,
                "parallelism": self.params.parallelism,
            },
            "failures": 0,
            "locked_until": None,
        }

    def _unwrap(self, username: str, password: str, entry: dict[str, Any]) -> bytes | None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kdf = entry["kdf"]
        params = KdfParams(kdf["time_cost"], kdf["memory_cost"], kdf["parallelism"])
        kek = derive_kek(password, _unb64(entry["salt"]), params)
        try:
            return AESGCM(kek).decrypt(
                _unb64(entry["nonce"]), _unb64(entry["wrapped"]), _user_key(username).encode()
            )
        except InvalidTag:
            return None

    # -- operations -----------------------------------------------------------------
    def initialise(self, username: str, password: str) -> bytes:
        """First run: a new random database key, wrapped for the first user."""
        with self._locked():
            if self.exists() and self._read()["users"]:
                raise StorageError(N_("Er is al een beheerder ingesteld."))
            db_key = secrets.token_bytes(KEY_BYTES)
            self._write(
                {
                    "format": FORMAT,
                    "users": {_user_key(username): self._wrap(username, password, db_key)},
                }
            )
        return db_key

    def unlock(self, username: str, password: str, now: datetime | None = None) -> bytes:
        """The database key, if ``password`` is right; counts wrong tries for the delay."""
        with self._locked():
            return self._unlock(username, password, now or datetime.now(UTC))

    def _unlock(self, username: str, password: str, now: datetime) -> bytes:
        data = self._read()
        entry = data["users"].get(_user_key(username))
        if entry is None:
            # Same cost and same answer as a wrong password: names are not revealed.
            derive_kek(password, secrets.token_bytes(16), self.params)
            raise AuthenticationError()
        locked_until = entry.get("locked_until")
        until = datetime.fromisoformat(locked_until) if locked_until else None
        # The password is tried even during a lock-out, so that every wrong one counts (eight
        # parallel guesses leave the count at eight); the answer is the same either way.
        db_key = self._unwrap(username, password, entry)
        if db_key is None:
            entry["failures"] = int(entry.get("failures", 0)) + 1
            delay = lockout_delay(entry["failures"])
            if delay and (until is None or until < now + delay):
                entry["locked_until"] = (now + delay).isoformat()
            self._write(data)
        if until is not None and until > now:
            raise LockedOutError(seconds=max(1, int((until - now).total_seconds()) + 1))
        if db_key is None:
            raise AuthenticationError()
        self.failures_before_unlock = int(entry.get("failures", 0))
        if entry.get("failures") or entry.get("locked_until"):
            entry["failures"], entry["locked_until"] = 0, None
            self._write(data)
        return db_key

    def add_user(self, db_key: bytes, username: str, password: str) -> None:
        entry = self._wrap(username, password, db_key)  # the slow part, outside the lock
        with self._locked():
            data = self._read()
            data["users"][_user_key(username)] = entry
            self._write(data)

    def remove_user(self, username: str) -> None:
        with self._locked():
            data = self._read()
            data["users"].pop(_user_key(username), None)
            self._write(data)

    def has_user(self, username: str) -> bool:
        return _user_key(username) in self._read()["users"]
