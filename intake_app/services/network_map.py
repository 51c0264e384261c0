"""The network map the client builds on the screen (INT-17): "Wie kan helpen?" and "Wie wilt
u er niet bij?", with pictograms for people and organisations.

The map belongs to the client. It is never stored: it lives in the window's memory for the
conversation and is gone when the conversation closes or the screen locks. It can be printed
for the client to take home: ``NetworkMapPrinting`` is a mixin of ``SummaryService`` (the one
printing path) that lays it out as a small paper of its own, in the client's language with
Dutch alongside, and logs the print with ids only (never who was chosen).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from intake_app.content.pictograms import ATTRIBUTION
from intake_app.core.errors import IntakeError
from intake_app.core.security import AuditAction, Permission
from intake_app.core.summary import SummaryDocument, SummaryKind, SummaryLine
from intake_app.i18n.translator import N_
from intake_app.services.gate import gated
from intake_app.services.summary_bilingual import Bilingual

if TYPE_CHECKING:
    from intake_app.core.ports import DocumentRenderer, SessionRepository
    from intake_app.i18n.translator import Translators
    from intake_app.services.access import Access

TITLE = N_("Mijn netwerk")
HELPS = N_("Wie kan helpen?")
NOT_WANTED = N_("Wie wilt u er niet bij?")
PRINT_DETAIL = "network_map"  # the audit line's detail: which paper, nothing of its content


@dataclass(frozen=True, slots=True)
class NetworkChip:
    id: str
    pictogram: str  # OpenMoji code
    label: str  # Dutch msgid


# People and organisations the research names as a client's possible network (seeds 002,
# "Eigen kracht"): family here and abroad, the community, school, the GP, the neighbourhood.
CHIPS: tuple[NetworkChip, ...] = (
    NetworkChip("partner", "1F491", N_("Partner")),
    NetworkChip("children", "1F9D2", N_("Kinderen")),
    NetworkChip("family_nl", "1F46A", N_("Familie in Nederland")),
    NetworkChip("family_abroad", "1F30D", N_("Familie in het buitenland")),
    NetworkChip("friends", "1F46B", N_("Vrienden")),
    NetworkChip("neighbours", "1F3D8", N_("Buren")),
    NetworkChip("community", "1F465", N_("Mijn gemeenschap")),
    NetworkChip("faith", "1F6D0", N_("Gebedshuis")),
    NetworkChip("school", "1F3EB", N_("School")),
    NetworkChip("gp", "1FA7A", N_("Huisarts")),
    NetworkChip("neighbourhood_team", "1F91D", N_("Wijkteam")),
    NetworkChip("work", "1F4BC", N_("Werk")),
)
CHIP_IDS = frozenset(chip.id for chip in CHIPS)


def chip(chip_id: str) -> NetworkChip:
    for candidate in CHIPS:
        if candidate.id == chip_id:
            return candidate
    raise UnknownChipError("Dit plaatje is er niet: {chip}.", chip=chip_id)


class UnknownChipError(IntakeError):
    """A chip id that is not in CHIPS."""


@dataclass(frozen=True, slots=True)
class NetworkMap:
    """Chip ids per area, in the order the client placed them."""

    helps: tuple[str, ...] = ()
    not_wanted: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.helps and not self.not_wanted


def network_map_document(
    network_map: NetworkMap, texts: Bilingual, *, discreet: bool = False
) -> SummaryDocument:
    """The paper: one section per area, a pictogram and a name per line. On discreet paper
    (the home may not be safe, GEN-05) "Wie wilt u er niet bij?" stays off: someone at home
    could read who the client wants kept out."""

    def lines(ids: tuple[str, ...]) -> tuple[SummaryLine, ...]:
        found = [chip(i) for i in ids]
        return tuple(texts.line(c.label, c.pictogram) for c in found)

    nobody = (texts.line(N_("Nog niemand gekozen.")),)
    sections = [texts.section(HELPS, lines(network_map.helps) or nobody, "1F91D")]
    if not discreet:
        sections.append(texts.section(NOT_WANTED, lines(network_map.not_wanted) or nobody, "1F6AB"))
    title, dutch_title = texts.both(TITLE)
    subtitle, _ = texts.both(N_("U hebt dit zelf gemaakt. Het is van u."))
    return SummaryDocument(
        language=texts.client.code,
        rtl=texts.client.rtl,
        title=title,
        dutch_title=dutch_title,
        subtitle=subtitle,
        sections=tuple(sections),
        footer=ATTRIBUTION,
        kind=SummaryKind.CLIENT,  # the client's own paper in the client's language
    )


class NetworkMapPrinting:
    """Mixin of ``SummaryService``: the network map's paper (INT-17)."""

    _sessions: SessionRepository
    _translators: Translators
    _renderer: DocumentRenderer
    _access: Access

    @gated(Permission.PRINT_SUMMARY, None, in_body=True)
    def network_map_preview(self, session_id: int, network_map: NetworkMap) -> SummaryDocument:
        """The paper for the on-screen preview; logged once printed or saved."""
        session = self._sessions.get_session(session_id)
        texts = Bilingual(self._translators.get(session.client_language), self._translators.dutch())
        return network_map_document(network_map, texts, discreet=session.paper_discreet)

    @gated(Permission.PRINT_SUMMARY, AuditAction.PRINTED, in_body=True)
    def record_network_map_printed(self, session_id: int) -> None:
        self._access.audit(AuditAction.PRINTED, f"session:{session_id}", PRINT_DETAIL)

    @gated(Permission.PRINT_SUMMARY, AuditAction.PRINTED, in_body=True)
    def render_network_map(self, session_id: int, network_map: NetworkMap) -> bytes:
        """The PDF in one call (tests, scripts): laid out and logged as printed."""
        document = self.network_map_preview(session_id, network_map)
        data = self._renderer.render(document)
        self.record_network_map_printed(session_id)
        return data
