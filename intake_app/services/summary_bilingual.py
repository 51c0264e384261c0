"""Client papers speak the client's language with Dutch alongside: ``Bilingual`` fills both.

Used by ``services.summaries`` for the client summary and the discreet paper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from intake_app.core.model import Debt, NextStep, Owner
from intake_app.core.summary import SectionKind, SummaryLine, SummarySection
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.languages import SOURCE_LANGUAGE
from intake_app.i18n.translator import Translator
from intake_app.services.summary_texts import (
    ABOUT,
    DOUBLE_STOP,
    EXPLAINED_ORALLY,
    OWNER,
    PER_MONTH,
    TOTAL,
    TOTAL_KNOWN,
    UNKNOWN_AMOUNT,
    WHEN,
    WHO,
    sum_debts,
    unit,
)


class Bilingual:
    """The client's language with Dutch alongside (empty when the client reads Dutch)."""

    def __init__(self, client: Translator, dutch: Translator) -> None:
        self.client = client
        self.dutch = dutch
        self.bilingual = client.code != SOURCE_LANGUAGE
        self.fmt = Formatter(client.code)
        self.fmt_nl = Formatter(SOURCE_LANGUAGE)

    def both(self, message: str, **params: Callable[[Formatter], str] | str) -> tuple[str, str]:
        """Translate ``message`` in both languages; callable params format per locale."""

        def fill(translator: Translator, formatter: Formatter) -> str:
            values = {k: v(formatter) if callable(v) else v for k, v in params.items()}
            # A date that ends in a full stop ("2026 р.") before the sentence's own one.
            return DOUBLE_STOP.sub(r".\1", translator.format(message, **values))

        client = fill(self.client, self.fmt)
        dutch = fill(self.dutch, self.fmt_nl) if self.bilingual else ""
        # Not yet translated: the Dutch text is already there, once is enough.
        return client, "" if dutch == client else dutch

    def line(
        self, message: str, pictogram: str = "", amount: str = "", **params: object
    ) -> SummaryLine:
        text, dutch = self.both(message, **params)  # type: ignore[arg-type]
        return SummaryLine(text, dutch, pictogram, amount)

    def section(
        self,
        heading: str,
        lines: Iterable[SummaryLine],
        pictogram: str,
        kind: SectionKind = SectionKind.NORMAL,
    ) -> SummarySection:
        text, dutch = self.both(heading)
        return SummarySection(text, tuple(lines), dutch, kind, pictogram)

    def money(
        self, cents: int, *, approximate: bool = False, monthly: bool = False
    ) -> tuple[str, str]:
        """(Dutch notation in the client's words, the client's own notation if it differs).

        "€2,590.00" reads as two euros fifty-nine to a Dutch creditor: Dutch comes first.
        """

        def words(amount: str) -> str:
            amount = unit(amount)
            if monthly:
                amount = self.client.format(PER_MONTH, amount=amount)
            if approximate:
                amount = self.client.format(ABOUT, amount=amount)
            return amount

        dutch, own = self.fmt_nl.money(cents), self.fmt.money(cents)
        return words(dutch), "" if own == dutch else words(own)

    def debt_amount(self, debt: Debt) -> tuple[str, str]:
        if debt.amount is None:
            return self.client.gettext(UNKNOWN_AMOUNT), ""
        return self.money(
            debt.amount.cents, approximate=debt.amount.approximate, monthly=debt.monthly
        )

    def total(self, debts: list[Debt], *, monthly: bool = False) -> SummaryLine:
        cents, approximate, unknown = sum_debts(debts)
        text, dutch = self.both(TOTAL_KNOWN if unknown else TOTAL)
        amount, own = self.money(cents, approximate=approximate, monthly=monthly)
        return SummaryLine(text, dutch, "", amount, True, own)

    def oral(self, free_text: str) -> str:
        """The note, in the client's language, that Dutch free text on a translated paper was
        explained by word of mouth (COM-08); empty where it is not needed."""
        if not self.bilingual or not free_text or not _dutch_looking(free_text, self.client.code):
            return ""
        return " " + self.client.gettext(EXPLAINED_ORALLY)


# Letters of the client's own script: text holding them was not typed in Dutch.
_SCRIPT = {
    "ar": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFEFF)),
    "fa_AF": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFEFF)),
    "ti": ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
    "uk": ((0x0400, 0x052F),),
}


def _dutch_looking(text: str, language: str) -> bool:
    ranges = _SCRIPT.get(language, ())
    return any(c.isalpha() for c in text) and not any(
        low <= ord(c) <= high for c in text for low, high in ranges
    )


def task_lines(
    texts: Bilingual, steps: Iterable[NextStep], *, redact: Callable[[str], str] | None = None
) -> list[SummaryLine]:
    lines = []
    for step in steps:
        what = redact(step.what) if redact else step.what
        # Free text is one unit: a Dutch task naming an Arabic creditor reads as one sentence.
        # Its full stop stays outside, with the sentence around it.
        stop = "" if not what or what.endswith((".", "!", "?", "…")) else "."
        oral = texts.oral(what)
        what = unit(what) + stop
        who = texts.both(WHO, who=owner_of(texts, step.owner))
        parts = [what + oral, who[0]]
        dutch_parts = [what, who[1]]
        if step.due:
            when = texts.both(WHEN, date=date_of(step.due))
            parts.append(when[0])
            dutch_parts.append(when[1])
        lines.append(
            SummaryLine(
                " ".join(parts),
                " ".join(dutch_parts) if texts.bilingual else "",
                "1F464" if step.owner is Owner.CLIENT else "1F91D",
            )
        )
    return lines


def owner_of(texts: Bilingual, owner: Owner) -> Callable[[Formatter], str]:
    def text(formatter: Formatter) -> str:
        translator = texts.client if formatter is texts.fmt else texts.dutch
        return translator.gettext(OWNER[owner])

    return text


def translated(texts: Bilingual, message: str) -> Callable[[Formatter], str]:
    """A msgid as a parameter: client's language in the client's line, Dutch in the Dutch."""

    def text(formatter: Formatter) -> str:
        translator = texts.client if formatter is texts.fmt else texts.dutch
        return translator.gettext(message)

    return text


def date_of(value: date) -> Callable[[Formatter], str]:
    return lambda formatter: unit(formatter.date(value))
