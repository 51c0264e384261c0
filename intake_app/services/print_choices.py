"""A session's stored print choices, honoured by every print path (GEN-05, issue 21).

SummaryService is the one printing path (window, preview, command line); its ``_build``
calls ``honour`` before it makes anything. A session whose paper is discreet (chosen, or by
default when the home is not safe) refuses the full client summary, logged as
``print_refused``, unless the counsellor overrides it on purpose, logged as
``discretion_overridden``. The stored "Geld naar familie op papier" choice is the default
when the print path does not say.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from intake_app.core.errors import IntakeError
from intake_app.core.model import IntakeSession
from intake_app.core.security import AuditAction
from intake_app.core.summary import SummaryKind
from intake_app.i18n.translator import N_
from intake_app.services.access import Access

if TYPE_CHECKING:
    from intake_app.services.summaries import PrintOptions


class DiscreetSessionError(IntakeError):
    """The full client summary of a discreet session: refused unless overridden."""

    message = N_(
        "Dit gesprek staat op discreet: druk de discrete samenvatting af, "
        "of kies bewust voor de volledige."
    )


def honour(
    session: IntakeSession, kind: SummaryKind, options: PrintOptions, access: Access
) -> PrintOptions:
    """The options with the session's stored choices; raises for a refused document."""
    target = f"session:{session.id}"
    if kind is SummaryKind.CLIENT and session.paper_discreet:
        if not options.override_discretion:
            access.audit(AuditAction.PRINT_REFUSED, target, "discreet")
            raise DiscreetSessionError()
        access.audit(AuditAction.DISCRETION_OVERRIDDEN, target, kind.value)
    if options.show_remittances is None:
        options = replace(options, show_remittances=session.print_remittances)
    return options
