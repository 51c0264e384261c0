"""A verifier of the logged-in user's password, in memory only, for the lock screen (issue 16).

Unlocking the screen used to run the stored Argon2id hash again (64 MiB, three passes): most of
the unlock time, 0.3-1 s on a 2-core laptop. At log-in the password has just been proven, so a
cheaper verifier is derived then and kept in this process's memory:

- Argon2id with a small cost (one pass, 8 MiB) and a fresh random salt; never written to disk,
  gone at log-out or when the app closes. The stored hash keeps its full cost, so a copied
  database or keys file is as hard to attack as before.
- Someone who can read the running app's memory gains little from it: the unwrapped database
  key is in that memory anyway. What the cheaper cost does weaken is guessing the password
  itself from such a dump (for reuse elsewhere); it is still a salted, memory-hard derivation.
- Guessing at the lock screen is unchanged: every wrong try counts towards the lock-out and is
  audited (services/accounts.py), whichever verifier answered.
- It only answers for the account and stored hash it was made from: after a password change
  or reset (here or in another window) the full Argon2id check runs.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

# One pass over 8 MiB: about 10-30 ms on a 2-core laptop.
TIME_COST = 1
MEMORY_KIB = 8 * 1024


def _derive(password: str, salt: bytes) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=TIME_COST,
        memory_cost=MEMORY_KIB,
        parallelism=1,
        hash_len=32,
        type=Type.ID,
    )


@dataclass(frozen=True, slots=True, repr=False)
class UnlockVerifier:
    username: str
    stored_hash: str  # the account's hash when this was made: a change makes it stale
    salt: bytes
    digest: bytes

    @classmethod
    def make(cls, username: str, stored_hash: str, password: str) -> UnlockVerifier:
        salt = secrets.token_bytes(16)
        return cls(username, stored_hash, salt, _derive(password, salt))

    def answers_for(self, username: str, stored_hash: str) -> bool:
        return self.username == username and hmac.compare_digest(self.stored_hash, stored_hash)

    def matches(self, password: str) -> bool:
        return hmac.compare_digest(self.digest, _derive(password, self.salt))
