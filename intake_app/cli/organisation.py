"""``intake-admin phone [NUMBER]``: the organisation's own phone number (coordinator).

Printed on the client's summary and the information sheets, and shown at the end of the
conversation as "U mag ons nummer doorgeven" (INT-24). An empty NUMBER ("") removes it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake_app.bootstrap.context import AppContext


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "phone", help="het telefoonnummer van de organisatie voor de cliënt (coördinator)"
    )
    parser.add_argument(
        "number", nargs="?", default=None, metavar="NUMMER", help="nieuw nummer; leeg wist het"
    )


def run(context: AppContext, args: argparse.Namespace) -> int:
    directory = context.directory
    if args.number is None:
        print(directory.own_phone() or "(geen nummer ingesteld)")
        return 0
    saved = directory.set_own_phone(args.number)
    print(f"Telefoonnummer bewaard: {saved}" if saved else "Telefoonnummer gewist.")
    return 0
