"""What the papers add to an informal debt line (issue 21), kept apart from summaries.py.

Client's paper: the deadline and "klopt niet volgens u" (disputed), and "niet in uw totaal"
for the partner's or an unconfirmed debt. Handover (only for debts the client agreed to share):
the purpose, disputed, caused by the ex-partner, whose debt. Items kept private never reach
either paper (``printable``).
"""

from __future__ import annotations

from collections.abc import Callable

from intake_app.core.debts import is_own
from intake_app.core.model import Debt, Debtor, DebtStatus, Wish
from intake_app.i18n.translator import N_

PAY_BY = N_("terugbetalen vóór {date}")
DISPUTED = N_("klopt niet volgens u")
NOT_IN_TOTAL = N_("niet in uw totaal")

Both = Callable[..., tuple[str, str]]  # _Bilingual.both


def printable(debts: list[Debt]) -> list[Debt]:
    """ "Privé houden" means never on paper."""
    return [debt for debt in debts if debt.wish is not Wish.KEEP_PRIVATE]


def client_marks(both: Both, debt: Debt) -> list[tuple[str, str]]:
    """(client language, Dutch) phrases for the client's own paper."""
    marks = []
    if debt.deadline is not None:
        deadline = debt.deadline
        marks.append(both(PAY_BY, date=lambda formatter: formatter.date(deadline)))
    if debt.status is DebtStatus.DISPUTED:
        marks.append(both(DISPUTED))
    if not is_own(debt):
        marks.append(both(NOT_IN_TOTAL))
    return marks


def handover_marks(debt: Debt) -> list[str]:
    """Dutch phrases for the handover letter (the client consented to share this debt)."""
    marks = []
    if debt.relationship_text:
        marks.append(debt.relationship_text)
    if debt.purpose:
        marks.append(f"voor: {debt.purpose}")
    if debt.deadline is not None:
        marks.append(f"terugbetalen vóór {debt.deadline.strftime('%d-%m-%Y')}")
    if debt.status is DebtStatus.DISPUTED:
        marks.append("betwist door de cliënt")
    if debt.caused_by_ex_partner:
        marks.append("ontstaan door de ex-partner")
    if debt.debtor is Debtor.PARTNER:
        marks.append("schuld van de partner, niet in het totaal")
    elif not debt.confirmed:
        marks.append("nog niet bevestigd, niet in het totaal")
    return marks
