"""``intake-admin languages texts`` and ``languages text CARD``: the organisation's
reassurance texts (INT-03, GEN-06; core/organisation_texts.py).

The app ships placeholders; the coordinator approves one as it is, replaces it with the
organisation's own Dutch text, or resets it to the placeholder. The app uses the decision
from its next start.
"""

from __future__ import annotations

import argparse
from typing import Any

from intake_app.bootstrap.context import AppContext
from intake_app.core.errors import IntakeError
from intake_app.core.organisation_texts import APPROVED, OWN

STATE = {OWN: "eigen tekst", APPROVED: "goedgekeurd", "placeholder": "VOORBEELDTEKST"}


def add_parsers(language_commands: Any) -> None:
    language_commands.add_parser("texts", help="toon de teksten die uw organisatie goedkeurt")
    text = language_commands.add_parser("text", help="keur een tekst goed of vervang hem")
    text.add_argument("card", metavar="KAART", help="bijvoorbeeld: welcome_children")
    # Checked in run(), not by an argparse group: its message would not be Dutch.
    text.add_argument("--approve", action="store_true", help="de meegeleverde tekst is goed")
    text.add_argument("--title", help="de eigen titel van uw organisatie (Nederlands)")
    text.add_argument("--reset", action="store_true", help="terug naar de voorbeeldtekst")
    text.add_argument("--explanation", default="", help="de eigen uitleg (bij --title)")


def run(context: AppContext, args: argparse.Namespace) -> int:
    languages = context.languages
    if args.action == "texts":
        for info in languages.organisation_texts():
            decision = info.decision
            print(f"{info.card_id}: {STATE[decision.state]}")
            if decision.state == OWN:
                print(f"  {decision.title}\n  {decision.explanation}")
            else:
                print(f"  {info.shipped_title}\n  {info.shipped_explanation}")
        return 0
    if [bool(args.approve), args.title is not None, bool(args.reset)].count(True) != 1:
        raise IntakeError("Kies precies een van --approve, --title en --reset.")
    decision = languages.set_organisation_text(
        args.card,
        approved=bool(args.approve),
        title=args.title or "",
        explanation=args.explanation if args.title else "",
    )
    print(f"{args.card}: {STATE[decision.state]}. De app gebruikt dit vanaf de volgende start.")
    return 0
