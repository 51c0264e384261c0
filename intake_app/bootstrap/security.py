"""Wiring for accounts, access, audit and consent, and the gate in front of the database.

Encryption rule (README "Where data is stored"):
- the app's own database file (no ``--db``, no ``INTAKE_APP_DB_URL``) is always encrypted;
- an explicit ``sqlite:///`` URL is encrypted when its keys file ``<file>.keys.json`` exists
  or ``INTAKE_APP_ENCRYPT=1`` is set; otherwise it stays a plain file (tests, exports);
- PostgreSQL has no SQLCipher: accounts and the audit log still apply.

A database without any account (a fresh plain file, as in tests) runs as the built-in
``system`` admin until the first real account exists; from then on every window and command
must log in.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from intake_app.bootstrap.paths import default_paths
from intake_app.core.errors import StorageError
from intake_app.core.marks import N_
from intake_app.core.security import AccessDeniedError, AuditAction, CurrentUser, Role
from intake_app.services.access import Access
from intake_app.services.accounts import AccountService, check_password, normalise_username
from intake_app.services.audit import AuditService
from intake_app.services.guarded_sessions import GuardedSessionRepository
from intake_app.storage.keys import KeyStore, keys_path

if TYPE_CHECKING:
    from intake_app.bootstrap.context import AppContext
    from intake_app.storage.opening import OpenedStorage

ENCRYPT_VARIABLE = "INTAKE_APP_ENCRYPT"
SYSTEM_USER = CurrentUser("system", "system", Role.ADMIN)


@dataclass(frozen=True, slots=True)
class _Wrapping:
    """The KeyWrapping port: keeps ``<database>.keys.json`` in step with the accounts."""

    store: KeyStore
    db_key: bytes

    def add_user(self, username: str, password: str) -> None:
        self.store.add_user(self.db_key, username, password)

    def remove_user(self, username: str) -> None:
        self.store.remove_user(username)


@dataclass(frozen=True, slots=True)
class SecurityServices:
    access: Access
    accounts: AccountService
    audit: AuditService
    sessions: GuardedSessionRepository  # what IntakeService uses: checked, cleaned, audited
    encrypted: bool


def build_security(
    storage: OpenedStorage, key: bytes | None = None, keystore: KeyStore | None = None
) -> SecurityServices:
    access = Access(storage.audit)
    wrapping = _Wrapping(keystore, key) if keystore is not None and key is not None else None
    accounts = AccountService(storage.accounts, access, keys=wrapping)
    if accounts.needs_first_admin():
        access.login(SYSTEM_USER)
    sessions = GuardedSessionRepository(storage.sessions, access)
    return SecurityServices(
        access=access,
        accounts=accounts,
        audit=AuditService(storage.audit, access),
        sessions=sessions,
        encrypted=key is not None,
    )


class DatabaseGate:
    """What stands between the login dialog and the database: first run or log-in.

    ``open_*`` return a ready ``AppContext`` whose user is logged in.
    """

    def __init__(self, db_url: str | None = None, data_dir: Path | None = None) -> None:
        from intake_app.bootstrap.database_url import database_file, resolve_db_url

        self.data_dir = data_dir
        self.paths = default_paths(data_dir)
        explicit = db_url or os.environ.get("INTAKE_APP_DB_URL")
        self.url = resolve_db_url(db_url, self.paths)
        self.file = database_file(self.url)
        self.keystore: KeyStore | None = None
        if self.file is not None and (
            not explicit or keys_path(self.file).exists() or os.environ.get(ENCRYPT_VARIABLE) == "1"
        ):
            self.keystore = KeyStore(keys_path(self.file))
        self._plain: AppContext | None = None
        self.last_key: bytes | None = None
        # The window sets this: quick check and backup run after it is on screen.
        self.defer_checks = False

    @property
    def encrypted(self) -> bool:
        return self.keystore is not None

    def _plain_context(self) -> AppContext:
        from intake_app.bootstrap.context import build_context

        if self._plain is None:
            self._plain = build_context(
                db_url=self.url, data_dir=self.data_dir, defer_checks=self.defer_checks
            )
        return self._plain

    def needs_first_admin(self) -> bool:
        if self.keystore is not None:
            if self.keystore.exists() and self.keystore.usernames():
                return False
            self._refuse_orphaned_database()
            return True
        return self._plain_context().security.accounts.needs_first_admin()

    def _refuse_orphaned_database(self) -> None:
        """An encrypted file without its keys: say so, and never start over on top of it."""
        from intake_app.storage.encryption import looks_plain

        assert self.keystore is not None
        file = self.file
        if file is not None and file.exists() and file.stat().st_size and not looks_plain(file):
            raise StorageError(
                N_(
                    "Het sleutelbestand {keys} ontbreekt of is leeg. Zet het terug uit de "
                    "back-up; de database is niet aangeraakt."
                ),
                keys=self.keystore.path,
            )

    def open_first_run(self, username: str, display_name: str, password: str) -> AppContext:
        from intake_app.bootstrap.context import build_context

        name = normalise_username(username)
        check_password(password)  # before anything is written
        if self.keystore is None:
            context = self._plain_context()
        else:
            self._refuse_orphaned_database()
            key = self.keystore.initialise(name, password)
            try:
                if self.file is not None and self.file.exists() and self.file.stat().st_size:
                    self._encrypt_existing(key)
                context = build_context(self.url, self.data_dir, key=key, keystore=self.keystore)
            except BaseException:
                self.keystore.path.unlink(missing_ok=True)  # a key for nothing: start clean
                raise
        context.security.accounts.create_first_admin(name, display_name, password)
        return context.for_current_user()  # the new admin's services

    def _encrypt_existing(self, key: bytes) -> None:
        """An older plain database at this place is encrypted, not thrown away."""
        from intake_app.storage.encryption import encrypt_plain_file, looks_plain

        assert self.file is not None
        if not looks_plain(self.file):
            return
        target = self.file.with_name(self.file.name + ".encrypting")
        target.unlink(missing_ok=True)
        encrypt_plain_file(self.file, target, key)
        target.chmod(0o600)
        for leftover in (Path(f"{self.file}-wal"), Path(f"{self.file}-shm")):
            leftover.unlink(missing_ok=True)
        target.replace(self.file)
        # Its old backups and set-aside copies would still hold names in clear.
        from intake_app.storage.plaintext_copies import encrypt_plain_copies

        encrypt_plain_copies(self.file, key)

    def open_without_accounts(self) -> AppContext:
        """A plain database that has no account yet, as the built-in system user."""
        if self.keystore is not None or not self.needs_first_admin():
            raise AccessDeniedError()
        return self._plain_context()

    def open_with_login(self, username: str, password: str) -> AppContext:
        from intake_app.bootstrap.context import build_context

        name = normalise_username(username)
        if self.keystore is None:
            context = self._plain_context()
            context.security.accounts.login(name, password)
            return context.for_current_user()  # services composed for this role
        # The password unwraps the key: that proves it, so the account check needs no
        # second Argon2 run (one key derivation per log-in keeps unlock within 1 s).
        key = self.keystore.unlock(name, password)
        self.last_key = key  # for restoring an encrypted backup if the file proves damaged
        context = build_context(
            self.url, self.data_dir, key=key, keystore=self.keystore, defer_checks=self.defer_checks
        )
        try:
            failures = self.keystore.failures_before_unlock
            if failures:
                context.security.access.audit(
                    AuditAction.LOGIN_FAILED, f"user:{name}", f"{failures}x"
                )
            context.security.accounts.login_proven(name, password)
        except BaseException:
            context.close()
            raise
        return context.for_current_user()  # services composed for this role


def admin_opener(db_url: str, data_dir: Path | None) -> Callable[[str, str], AppContext]:
    """How the window's recovery dialog opens the restored file as the person who asked.

    A plain file without accounts runs as the built-in system admin (as everywhere else);
    otherwise the name and password must log in, and ``plan_restore`` then needs an admin.
    """

    def open_as(username: str, password: str) -> AppContext:
        gate = DatabaseGate(db_url=db_url, data_dir=data_dir)
        if not gate.encrypted and gate.needs_first_admin():
            return gate.open_without_accounts()
        return gate.open_with_login(username, password)

    return open_as
