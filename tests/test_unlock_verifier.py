"""The lock screen's in-memory verifier (issue 16): quicker, but the same rules as ever.

Wrong passwords still count towards the lock-out and reach the audit log; a password changed
elsewhere makes the verifier stale; logging out forgets it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.core.security import AuditAction, AuthenticationError, LockedOutError, Role
from intake_app.services.unlock_verifier import UnlockVerifier

ADMIN_PW = "beheer-wachtwoord-1"
PW = "een goed wachtwoord"


def _logged_in(context: AppContext) -> AppContext:
    accounts = context.security.accounts
    accounts.create_first_admin("beheer", "Beheer", ADMIN_PW)
    accounts.add_user("fatima", "Fatima", Role.COUNSELLOR, PW)
    accounts.logout()
    accounts.login("fatima", PW)
    return context


def test_the_verifier_tells_right_from_wrong_and_is_never_the_password() -> None:
    verifier = UnlockVerifier.make("fatima", "$argon2id$stored", PW)
    assert verifier.matches(PW)
    assert not verifier.matches(PW + " ")
    assert PW.encode() not in verifier.digest + verifier.salt
    assert PW not in repr(verifier)
    assert verifier.answers_for("fatima", "$argon2id$stored")
    assert not verifier.answers_for("fatima", "$argon2id$changed")
    assert not verifier.answers_for("beheer", "$argon2id$stored")
    other = UnlockVerifier.make("fatima", "$argon2id$stored", PW)
    assert other.salt != verifier.salt and other.digest != verifier.digest  # fresh salt


def test_unlock_counts_wrong_tries_and_locks_out_as_before(context: AppContext) -> None:
    accounts = _logged_in(context).security.accounts
    now = datetime.now(UTC)
    for _ in range(3):
        with pytest.raises(AuthenticationError):
            accounts.unlock("verkeerd", now=now)
    with pytest.raises(LockedOutError):
        accounts.unlock(PW, now=now + timedelta(seconds=1))
    assert accounts.unlock(PW, now=now + timedelta(seconds=31)).username == "fatima"
    actions = [event.action for event in context.storage.audit.events()]
    assert actions.count(AuditAction.LOGIN_FAILED) == 3
    assert AuditAction.UNLOCKED in actions


def test_a_password_changed_elsewhere_makes_the_verifier_stale(
    context: AppContext, db_url, tmp_path
) -> None:
    accounts = _logged_in(context).security.accounts
    assert accounts.unlock(PW).username == "fatima"
    # Fatima changes her password in another window (or on the command line).
    other = build_context(db_url=db_url, data_dir=tmp_path)
    other.security.accounts.login("fatima", PW)
    other.security.accounts.change_password(PW, "een nieuw wachtwoord")
    other.close()
    with pytest.raises(AuthenticationError):
        accounts.unlock(PW)
    assert accounts.unlock("een nieuw wachtwoord").username == "fatima"


def test_own_password_change_and_log_out(context: AppContext) -> None:
    accounts = _logged_in(context).security.accounts
    accounts.change_password(PW, "een ander wachtwoord")
    with pytest.raises(AuthenticationError):
        accounts.unlock(PW)
    assert accounts.unlock("een ander wachtwoord").username == "fatima"
    accounts.logout()
    with pytest.raises(AuthenticationError):
        accounts.unlock("een ander wachtwoord")  # nobody is logged in: nothing to unlock
