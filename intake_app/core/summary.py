"""A printable document as plain data: reporting lays it out, services fill it in.

Every text is already translated; ``dutch`` carries the Dutch text shown alongside the
client's language (COM-03), empty when the client's language is Dutch. Amounts arrive
formatted (Babel): in Dutch notation on every paper (Dutch professionals read it too), with
the client's own notation beside where it differs. The layout never does arithmetic.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class SummaryKind(enum.StrEnum):
    """The three printed documents (requirements.md sections 7.3 and 7.4, GEN-05)."""

    CLIENT = "client"  # the client's summary, in their language with Dutch alongside
    DISCREET = "discreet"  # neutral header, own tasks and next appointment only
    HANDOVER = "handover"  # Dutch letter for the receiving organisation


class SectionKind(enum.StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"  # printed first, in a red frame


@dataclass(frozen=True, slots=True)
class SummaryLine:
    text: str
    dutch: str = ""
    pictogram: str = ""
    amount: str = ""  # already formatted, in Dutch notation, e.g. "€ 1.234,56"
    total: bool = False  # a total line: printed bold, with a rule above
    amount_own: str = ""  # the client's own notation, where it differs ("€2,590.00")


@dataclass(frozen=True, slots=True)
class SummarySection:
    heading: str
    lines: tuple[SummaryLine, ...]
    dutch_heading: str = ""
    kind: SectionKind = SectionKind.NORMAL
    pictogram: str = ""


@dataclass(frozen=True, slots=True)
class SummaryDocument:
    language: str
    rtl: bool
    title: str
    subtitle: str
    sections: tuple[SummarySection, ...] = field(default_factory=tuple)
    footer: str = ""
    dutch_title: str = ""
    kind: SummaryKind = SummaryKind.CLIENT

    def section(self, heading: str) -> SummarySection | None:
        """The section with this heading (client language or Dutch), if printed."""
        for section in self.sections:
            if heading in (section.heading, section.dutch_heading):
                return section
        return None
