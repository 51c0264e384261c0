"""What the lists of sessions show: a header per session, and the follow-up items that are due.

Lists read only these few fields, a page at a time, so a laptop that has served for years (tens
of thousands of sessions) still opens its start screen and the Nazorg tab at once
(design.md section 9). Opening one session still reads everything through ``get_session``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# How far back an overdue follow-up stays on the Nazorg list. Older ones are not "this week's
# work" any more; they remain reachable through the conversation list and its search.
FOLLOW_UP_LOOKBACK_DAYS = 90
FOLLOW_UP_HORIZON_DAYS = 7


@dataclass(frozen=True, slots=True)
class SessionHeader:
    id: int
    code: str
    updated_at: datetime
    client_language: str
    status: str
    current_card: str | None
    practice: bool


@dataclass(frozen=True, slots=True)
class DueFollowUp:
    session_id: int
    code: str
    follow_up_date: date
    open_referrals: tuple[str, ...]  # organisation names not (yet) marked arrived


def normalise_code_search(text: str) -> str:
    """What a person types to find a code (``k7f``, ``K-7F3A``) as a prefix to match.

    Codes are upper case with dashes; people type them any way. Only the code's own alphabet
    survives, so the search can never carry SQL wildcards or other text.
    """
    return "".join(ch for ch in text.upper() if ch.isascii() and (ch.isalnum() or ch == "-"))
