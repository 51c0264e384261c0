"""A printable document as plain data: reporting lays it out, services fill it in.

Every text is already translated; ``dutch`` carries the Dutch text shown alongside the
client's language (COM-03), empty when the client's language is Dutch.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SummaryLine:
    text: str
    dutch: str = ""
    pictogram: str = ""


@dataclass(frozen=True, slots=True)
class SummarySection:
    heading: str
    lines: tuple[SummaryLine, ...]
    dutch_heading: str = ""


@dataclass(frozen=True, slots=True)
class SummaryDocument:
    language: str
    rtl: bool
    title: str
    subtitle: str
    sections: tuple[SummarySection, ...] = field(default_factory=tuple)
    footer: str = ""
