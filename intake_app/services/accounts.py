"""Accounts: first-run admin, log-in with a lock-out delay, users and passwords.

Passwords are hashed with Argon2id (argon2-cffi ``PasswordHasher``). When the database is
encrypted, the key wrapping (storage/keys.py) follows every account change through the
``KeyWrapping`` port, so each user's own password opens the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from intake_app.core.errors import IntakeError
from intake_app.core.marks import N_
from intake_app.core.security import (
    MIN_PASSWORD_LENGTH,
    Account,
    AccountRepository,
    AuditAction,
    AuthenticationError,
    CurrentUser,
    LockedOutError,
    PasswordPolicyError,
    Permission,
    Role,
)
from intake_app.core.text_hygiene import MAX_LENGTHS, clean_text
from intake_app.services.access import Access
from intake_app.services.gate import gated, public
from intake_app.services.unlock_verifier import UnlockVerifier

if TYPE_CHECKING:
    from argon2 import PasswordHasher


class KeyWrapping(Protocol):
    """Keeps the wrapped database key in step with the accounts (encrypted SQLite only)."""

    def add_user(self, username: str, password: str) -> None: ...
    def remove_user(self, username: str) -> None: ...


@dataclass(frozen=True, slots=True)
class UserItem:
    username: str
    display_name: str
    role: str
    active: bool


def default_hasher() -> PasswordHasher:
    from argon2 import PasswordHasher  # Argon2id by default

    return PasswordHasher()


def normalise_username(raw: str) -> str:
    name = clean_text(raw, "username").casefold()
    if not name:
        raise IntakeError(N_("Vul een naam in."))
    return name


def check_password(password: str) -> None:
    if "\x00" in password or len(password) > MAX_LENGTHS["password"]:
        raise IntakeError(N_("Dit wachtwoord kan niet worden gebruikt."))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordPolicyError(minimum=MIN_PASSWORD_LENGTH)


UNKNOWN_USER_TARGET = "user:?"


def _login_target(name: str, account: Account | None) -> str:
    """The audit target of a failed log-in. A name that is no account is never written as
    typed: people type their password into the name field by mistake."""
    return f"user:{name}" if account is not None else UNKNOWN_USER_TARGET


class AccountService:
    def __init__(
        self,
        accounts: AccountRepository,
        access: Access,
        *,
        keys: KeyWrapping | None = None,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._accounts = accounts
        self._access = access
        self._keys = keys
        self._hasher = hasher or default_hasher()
        # The lock screen's cheaper check of the logged-in user's password (memory only).
        self._unlock_verifier: UnlockVerifier | None = None

    @property
    @public("who is logged in in this window")
    def current(self) -> CurrentUser | None:
        return self._access.user

    # -- first run ---------------------------------------------------------------------
    @public("whether any account exists yet (first run)")
    def needs_first_admin(self) -> bool:
        return self._accounts.count_accounts() == 0

    @public("only while no account exists; writes user_added and logged_in itself")
    def create_first_admin(self, username: str, display_name: str, password: str) -> CurrentUser:
        """The very first account is an admin; afterwards only an admin adds users."""
        if not self.needs_first_admin():
            raise IntakeError(N_("Er is al een beheerder ingesteld."))
        name = self._create(username, display_name, Role.ADMIN, password)
        self._access.audit(AuditAction.USER_ADDED, f"user:{name}", Role.ADMIN.value, actor=name)
        return self.login_proven(name, password)

    # -- log-in ------------------------------------------------------------------------
    @public("logging in is how a user comes to the gate; writes logged_in or login_failed")
    def login(self, username: str, password: str, now: datetime | None = None) -> CurrentUser:
        account = self._check(username, password, now or datetime.now(UTC))
        user = CurrentUser(account.username, account.display_name, account.role)
        self._remember(account, password)
        self._access.login(user)
        self._access.audit(AuditAction.LOGGED_IN, f"user:{account.username}")
        return user

    @public("logging in after the password unwrapped the key; writes logged_in")
    def login_proven(self, username: str, password: str | None = None) -> CurrentUser:
        """Log in someone whose password was already proven in this process.

        Used after the password unwrapped the database key (storage/keys.py: AES-GCM fails on
        any other password), so the login costs one key derivation, not two (unlock <= 1 s).
        With ``password`` the lock screen gets its cheaper verifier (services/unlock_verifier).
        """
        name = normalise_username(username)
        account = self._accounts.get_account(name)
        if account is None or not account.active:
            self._access.audit(AuditAction.LOGIN_FAILED, _login_target(name, account))
            raise AuthenticationError()
        user = CurrentUser(account.username, account.display_name, account.role)
        if password is not None:
            self._remember(account, password)
        self._access.login(user)
        self._access.audit(AuditAction.LOGGED_IN, f"user:{name}")
        return user

    def _remember(self, account: Account, password: str) -> None:
        self._unlock_verifier = UnlockVerifier.make(
            account.username, account.password_hash, password
        )

    @public("only the logged-in user's own password; writes unlocked")
    def unlock(self, password: str, now: datetime | None = None) -> CurrentUser:
        """For the lock screen: only the logged-in user's own password opens it again."""
        user = self._access.user
        if user is None:
            raise AuthenticationError()
        self._check(user.username, password, now or datetime.now(UTC), self._unlock_verifier)
        self._access.audit(AuditAction.UNLOCKED, f"user:{user.username}")
        return user

    def _check(
        self,
        username: str,
        password: str,
        now: datetime,
        fast: UnlockVerifier | None = None,
    ) -> Account:
        """The account if ``password`` is right; counts wrong tries for the delay.

        ``fast``: the lock screen's in-memory verifier, used while it belongs to this account
        and its stored hash is unchanged; the lock-out and the audit apply all the same.
        """
        name = normalise_username(username)
        account = self._accounts.get_account(name)
        if account is None or not account.active:
            self._hasher.hash(password)  # the same cost: no hint whether the name exists
            self._access.audit(AuditAction.LOGIN_FAILED, _login_target(name, account))
            raise AuthenticationError()
        # Verified even during a lock-out, so that every wrong password counts; counted in
        # one transaction, so parallel wrong tries each count (no lost update).
        usable = fast is not None and fast.answers_for(name, account.password_hash)
        if fast is not None and usable:
            right = fast.matches(password)
        else:
            right = self._verify(account, password)
        if not right:
            self._accounts.record_failed_login(name, now)
            self._access.audit(AuditAction.LOGIN_FAILED, f"user:{name}")
        if account.locked_until is not None and account.locked_until > now:
            seconds = int((account.locked_until - now).total_seconds()) + 1
            raise LockedOutError(seconds=seconds)
        if not right:
            raise AuthenticationError()
        if account.failed_attempts or account.locked_until:
            self._accounts.update_account(name, failed_attempts=0, locked_until=None)
        if not usable and self._hasher.check_needs_rehash(account.password_hash):
            self._accounts.update_account(name, password_hash=self._hasher.hash(password))
        return account

    @public("ends one's own session; writes logged_out")
    def logout(self) -> None:
        self._unlock_verifier = None
        user = self._access.user
        if user is not None:
            self._access.audit(AuditAction.LOGGED_OUT, f"user:{user.username}")
        self._access.logout()

    @public("records a security event of the current user only")
    def audit_event(self, action: AuditAction) -> None:
        """Record a security event of the current user (e.g. the screen locked itself)."""
        user = self._access.user
        self._access.audit(action, f"user:{user.username}" if user else "")

    def _verify(self, account: Account, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return bool(self._hasher.verify(account.password_hash, password))
        except (VerificationError, InvalidHashError):
            return False

    # -- users ------------------------------------------------------------------------
    def _create(self, username: str, display_name: str, role: Role, password: str) -> str:
        name = normalise_username(username)
        check_password(password)
        shown = clean_text(display_name, "name") or name
        self._accounts.add_account(
            Account(name, shown, role, self._hasher.hash(password), datetime.now(UTC))
        )
        if self._keys is not None:
            self._keys.add_user(name, password)
        return name

    @gated(Permission.MANAGE_USERS, AuditAction.USER_ADDED, in_body=True)
    def add_user(self, username: str, display_name: str, role: Role, password: str) -> UserItem:
        name = self._create(username, display_name, role, password)
        self._access.audit(AuditAction.USER_ADDED, f"user:{name}", role.value)
        return self._item(name)

    @gated(Permission.MANAGE_USERS, AuditAction.USER_REMOVED, in_body=True)
    def deactivate_user(self, username: str) -> None:
        """The account can no longer log in, and its wrapped key is removed."""
        name = normalise_username(username)
        if name == self._access.actor:
            raise IntakeError(N_("U kunt uw eigen account niet uitzetten."))
        self._known(name)
        self._accounts.update_account(name, active=False)
        if self._keys is not None:
            self._keys.remove_user(name)
        self._access.audit(AuditAction.USER_REMOVED, f"user:{name}")

    @gated(Permission.MANAGE_USERS, None, target="users")
    def list_users(self) -> list[UserItem]:
        return [
            UserItem(a.username, a.display_name, a.role.value, a.active)
            for a in self._accounts.list_accounts()
        ]

    @gated(Permission.MANAGE_USERS, AuditAction.USER_ROLE_CHANGED, in_body=True)
    def set_role(self, username: str, role: Role) -> UserItem:
        """Give an account another role; it takes effect at that user's next log-in."""
        name = normalise_username(username)
        account = self._known(name)
        if name == self._access.actor and role is not Role.ADMIN:
            raise IntakeError(N_("U kunt uw eigen rol als beheerder niet weghalen."))
        if account.role is not role:
            self._accounts.update_account(name, role=role.value)
            self._access.audit(AuditAction.USER_ROLE_CHANGED, f"user:{name}", role.value)
        return self._item(name)

    def _known(self, name: str) -> Account:
        account = self._accounts.get_account(name)
        if account is None:
            # Not repeated: a mistyped name may well be a password typed in the wrong field.
            raise IntakeError(N_("Er is geen account met deze naam."))
        return account

    @public("one's own password, the old one asked again; writes password_changed")
    def change_password(self, old_password: str, new_password: str) -> None:
        """Change one's own password; the old one is asked again."""
        user = self._access.user
        if user is None:
            raise AuthenticationError()
        account = self._accounts.get_account(user.username)
        if account is None or not self._verify(account, old_password):
            raise AuthenticationError()
        check_password(new_password)
        new_hash = self._hasher.hash(new_password)
        self._accounts.update_account(user.username, password_hash=new_hash)
        self._unlock_verifier = UnlockVerifier.make(user.username, new_hash, new_password)
        if self._keys is not None:
            self._keys.add_user(user.username, new_password)  # replaces the old wrapping
        self._access.audit(AuditAction.PASSWORD_CHANGED, f"user:{user.username}")

    def _item(self, name: str) -> UserItem:
        account = self._accounts.get_account(name)
        assert account is not None
        return UserItem(account.username, account.display_name, account.role.value, account.active)
