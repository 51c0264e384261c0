"""``intake-admin aftercare``: the follow-up list and working it from the command line.

    intake-admin aftercare list [--today JJJJ-MM-DD]
    intake-admin aftercare referral SESSION REFERRAL --status arrived [--on JJJJ-MM-DD]
    intake-admin aftercare step-done SESSION STEP

The same IntakeService operations as the Nazorg tab: gated, audited, one sentence on refusal.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from intake_app.bootstrap.context import AppContext
from intake_app.core.model import ReferralStatus


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"geen datum (JJJJ-MM-DD): {text}") from exc


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("aftercare", help="nazorg: verwijzingen en stappen opvolgen")
    actions = parser.add_subparsers(dest="action", required=True)
    listed = actions.add_parser("list", help="wat er nu moet gebeuren, het dringendste eerst")
    listed.add_argument("--today", type=_day, help="vandaag (JJJJ-MM-DD), anders de datum nu")
    referral = actions.add_parser("referral", help="zet de stand van een verwijzing")
    referral.add_argument("session_id", type=int, metavar="GESPREK")
    referral.add_argument("referral_id", type=int, metavar="VERWIJZING")
    referral.add_argument(
        "--status", required=True, choices=[status.value for status in ReferralStatus]
    )
    referral.add_argument("--on", type=_day, help="sinds wanneer (JJJJ-MM-DD), anders vandaag")
    step = actions.add_parser("step-done", help="markeer een stap als gedaan")
    step.add_argument("session_id", type=int, metavar="GESPREK")
    step.add_argument("step_id", type=int, metavar="STAP")


def run(context: AppContext, args: argparse.Namespace) -> int:
    service = context.intake
    if args.action == "referral":
        state = service.set_referral_status(
            args.session_id,
            args.referral_id,
            ReferralStatus(args.status),
            on=args.on or date.today(),
        )
        print(f"Verwijzing {args.referral_id} van {state.code}: {args.status}")
        return 0
    if args.action == "step-done":
        state = service.set_step_done(args.session_id, args.step_id)
        print(f"Stap {args.step_id} van {state.code}: gedaan")
        return 0
    items = service.follow_ups(args.today or date.today())
    if not items:
        print("Niemand staat deze week op de lijst.")
        return 0
    for item in items:
        late = "  TE LAAT" if item.overdue else ""
        many = "  (meer dan twee verwijzingen open)" if item.too_many_referrals else ""
        print(f"{item.session_id:>5}  {item.code}  nazorg {item.follow_up_date}{late}{many}")
        for task in item.tasks:
            what = "verwijzing" if task.kind == "referral" else "stap"
            extra = f"  {task.status}" if task.status else ""
            contact = f"  contact: {task.contact_person}" if task.contact_person else ""
            print(f"       {what} {task.item_id}: {task.label}  {task.due}{extra}{contact}")
    return 0
