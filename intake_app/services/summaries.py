"""SummaryService: what goes on the three printed documents, translated, with Dutch alongside.

* client summary (requirements.md section 7.4): the client's language and Dutch, pictograms,
  the urgent block first, amounts per direction with their own totals (never netted);
* discreet summary (GEN-05): a neutral title, the client's own tasks and the next appointment;
  no creditor names, no partner details, no amounts;
* handover letter (section 7.3): Dutch, for the receiving organisation, only what the client
  consented to share; never the safety flag, trauma details or notes.

Layout is ``reporting``'s job; this module decides the content. Counsellor notes
(``IntakeSession.notes``), ``safety_flag`` and ``trauma_flag`` are never read here.
"""

from __future__ import annotations

import json
from pathlib import Path

from intake_app.content.info_sheets import InfoSheet, InfoSheets
from intake_app.core import safe_write
from intake_app.core.errors import IntakeError
from intake_app.core.flow import Flow

# Model names, texts and errors below are also named through this module by tests and
# callers ("X as X": by typed code; the client papers' texts moved with those papers to
# client_summary.py).
from intake_app.core.model import (  # noqa: F401
    IntakeSession,
    Owner,
    Relationship,
)
from intake_app.core.model import (
    NextStep as NextStep,
)
from intake_app.core.model import (
    UrgencyType as UrgencyType,
)
from intake_app.core.ports import DocumentRenderer, SessionRepository
from intake_app.core.security import AuditAction, Permission
from intake_app.core.settings import ORGANISATION_PHONE, SettingsStore
from intake_app.core.summary import SummaryDocument, SummaryKind
from intake_app.i18n.translator import Translator, Translators
from intake_app.services.access import Access
from intake_app.services.client_summary import ClientSummaries
from intake_app.services.creditor_list import creditor_list
from intake_app.services.gate import gated, public
from intake_app.services.handover_letter import handover_document
from intake_app.services.network_map import NetworkMapPrinting
from intake_app.services.print_choices import honour
from intake_app.services.sender import with_sender
from intake_app.services.summary_bilingual import Bilingual, task_lines
from intake_app.services.summary_closing import (
    RecapPart,
    expectations_section,
    info_sheet_document,
    question_section,
    word_of_mouth_section,
)
from intake_app.services.summary_texts import (
    EXPLAINED_ORALLY as EXPLAINED_ORALLY,
)
from intake_app.services.summary_texts import (
    H_NEXT,
    PICTOGRAMS,
    TITLE,
    open_steps,
)
from intake_app.services.summary_texts import (
    RELATIONSHIP as RELATIONSHIP,
)
from intake_app.services.summary_texts import (
    TOTAL as TOTAL,
)
from intake_app.services.summary_texts import (
    ConsentMissingError as ConsentMissingError,
)
from intake_app.services.summary_texts import (
    PrintOptions as PrintOptions,
)

CREDITOR_LIST = "creditor_list"  # audit detail of the creditor list (beside "handover")


class UnknownSummaryKindError(IntakeError):
    """Asked for a document kind that does not exist."""


class UnknownInfoSheetError(IntakeError):
    """Asked for an information sheet that the content does not have."""


# + the client's papers (client_summary.py) and the network map paper (INT-17)
class SummaryService(ClientSummaries, NetworkMapPrinting):
    def __init__(
        self,
        sessions: SessionRepository,
        translators: Translators,
        renderer: DocumentRenderer,
        access: Access,
        *,
        flow: Flow | None = None,
        info_sheets: InfoSheets | None = None,
        settings: SettingsStore | None = None,
    ) -> None:
        self._sessions = sessions
        self._translators = translators
        self._renderer = renderer
        self._access = access
        # The end of the conversation (services/summary_closing.py): the client's question
        # needs the flow's labels, the sheets come from the content, the phone number from
        # the organisation's settings.
        self._flow = flow
        self._info_sheets = info_sheets or InfoSheets(())
        self._settings = settings

    # -- the end of the conversation (COM-04, COM-10, INT-24) ---------------------------------
    @gated(Permission.READ_SESSIONS, None)  # the session read is logged by the repository
    def recap(
        self, session_id: int, part: RecapPart | str = RecapPart.CONVERSATION, counsellor: str = ""
    ) -> SummaryDocument:
        """The end recap on screen (COM-04), in two parts, one screen each: what we talked
        about (the client's question, what is urgent and what was done, who does what and
        when, the next appointment), then what the client can expect and our number to pass
        on (INT-18, INT-24). The same sentences as on the client's paper; the debt lists stay
        on paper. Shown during the conversation, so not a print (no audit line)."""
        chosen = RecapPart(part)
        session = self._sessions.get_session(session_id)
        texts = Bilingual(self._translators.get(session.client_language), self._dutch())
        if chosen is RecapPart.CONVERSATION:
            sections = [
                self._urgent(session, texts),
                question_section(session, texts, self._flow),
                self._done(session, texts),
                texts.section(H_NEXT, task_lines(texts, open_steps(session.next_steps)), "1F463"),
                self._appointment(session, texts),
                self._referrals(session, texts),
            ]
        else:
            sections = [
                expectations_section(session, texts, counsellor),
                word_of_mouth_section(texts, self.organisation_phone()),
            ]
        title, dutch_title = texts.both(TITLE)
        return SummaryDocument(
            language=texts.client.code,
            rtl=texts.client.rtl,
            title=title,
            dutch_title=dutch_title,
            subtitle="",
            sections=tuple(s for s in sections if s is not None and s.lines),
            kind=SummaryKind.CLIENT,
        )

    @public("the organisation's own phone number for the client's paper; no client data")
    def organisation_phone(self) -> str:
        if self._settings is None:
            return ""
        return (self._settings.get_setting(ORGANISATION_PHONE) or "").strip()

    @public("the list of general information sheets; no client data")
    def info_sheets(self) -> tuple[InfoSheet, ...]:
        return self._info_sheets.sheets

    @public("a general information sheet in a language; no client data enters it")
    def info_sheet(self, sheet_id: str, language: str) -> SummaryDocument:
        """One information sheet (COM-10) in ``language`` with Dutch beside it."""
        try:
            sheet = self._info_sheets.sheet(sheet_id)
        except KeyError:
            raise UnknownInfoSheetError(
                "Dit informatieblad bestaat niet: {sheet}.", sheet=sheet_id
            ) from None
        texts = Bilingual(self._translators.get(language), self._dutch())
        return info_sheet_document(sheet, texts, self.organisation_phone())

    # -- entry points for ui and cli ---------------------------------------------------------
    @gated(Permission.PRINT_SUMMARY, AuditAction.PRINTED, in_body=True)
    def build(
        self, session_id: int, kind: SummaryKind | str, options: PrintOptions | None = None
    ) -> SummaryDocument:
        """The document for a file or the printer: logged as printed."""
        document = self._build(session_id, kind, options)
        self._access.audit(AuditAction.PRINTED, f"session:{session_id}", document.kind.value)
        return document

    @gated(Permission.PRINT_SUMMARY, None, in_body=True)
    def preview(
        self, session_id: int, kind: SummaryKind | str, options: PrintOptions | None = None
    ) -> SummaryDocument:
        """The document for the on-screen preview: logged only once it is printed or saved
        (``record_printed``); a document refused for missing consent is logged as refused."""
        return self._build(session_id, kind, options)

    @gated(Permission.PRINT_SUMMARY, AuditAction.PRINTED, in_body=True)
    def record_printed(self, session_id: int, kind: SummaryKind | str) -> None:
        """The preview's document went to the printer or into a file."""
        chosen, target = SummaryKind(kind), f"session:{session_id}"
        if chosen is SummaryKind.HANDOVER:
            self._access.require(Permission.PRINT_HANDOVER, target)
        self._access.audit(AuditAction.PRINTED, target, chosen.value)

    def _build(
        self, session_id: int, kind: SummaryKind | str, options: PrintOptions | None
    ) -> SummaryDocument:
        try:
            chosen = SummaryKind(kind)
        except ValueError:
            raise UnknownSummaryKindError(
                "Dit soort samenvatting bestaat niet: {kind}.", kind=kind
            ) from None
        target = f"session:{session_id}"
        if chosen is SummaryKind.HANDOVER:
            self._access.require(Permission.PRINT_HANDOVER, target)
        session = self._sessions.get_session(session_id)
        # The session's stored print choices and discretion (issue 21) fill in the rest;
        # the handover's sender comes from the account and the organisation's settings.
        options = honour(session, chosen, options or PrintOptions(), self._access)
        if chosen is SummaryKind.HANDOVER:
            options = with_sender(options, self._access, self._settings)
        texts = Bilingual(self._translators.get(session.client_language), self._dutch())
        try:
            if chosen is SummaryKind.HANDOVER:
                return self.handover(session, options)
            if chosen is SummaryKind.DISCREET:
                return self.discreet(session, texts, options)
            return self.client(session, texts, options)
        except ConsentMissingError:
            # Never "printed": nothing was made.
            self._access.audit(AuditAction.PRINT_REFUSED, target, chosen.value)
            raise

    @gated(Permission.PRINT_SUMMARY, AuditAction.PRINTED, in_body=True)  # via build
    def render(
        self, session_id: int, kind: SummaryKind | str, options: PrintOptions | None = None
    ) -> bytes:
        return self._renderer.render(self.build(session_id, kind, options))

    @public("loads fonts and PDF libraries; reads no data")
    def warm_up(self) -> None:
        """Prepare the first print (fonts, PDF libraries, pictograms); call off the GUI thread."""
        self._renderer.warm_up(PICTOGRAMS)

    @public("lays out a document that build() already checked and logged")
    def render_document(self, document: SummaryDocument) -> bytes:
        """Only the layout: safe to run off the GUI thread (no database access)."""
        return self._renderer.render(document)

    @gated(Permission.PRINT_HANDOVER, AuditAction.PRINTED, in_body=True)
    def write_creditor_list(
        self, session_id: int, out: Path, options: PrintOptions | None = None
    ) -> Path:
        """The creditor list beside the handover (services/creditor_list.py): written only
        with the client's consent, logged as printed ``creditor_list`` (or refused)."""
        target = f"session:{session_id}"
        safe_write.check_target(out)  # before the session is read: refuse early
        session = self._sessions.get_session(session_id)
        options = with_sender(options or PrintOptions(), self._access, self._settings)
        try:
            document = creditor_list(session, options)
        except ConsentMissingError:
            self._access.audit(AuditAction.PRINT_REFUSED, target, CREDITOR_LIST)
            raise
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        written = safe_write.write_text(out, text)
        self._access.audit(AuditAction.PRINTED, target, CREDITOR_LIST)
        return written

    @gated(Permission.PRINT_SUMMARY, AuditAction.PRINTED, in_body=True)  # via build
    def write(
        self,
        session_id: int,
        kind: SummaryKind | str,
        out: Path,
        options: PrintOptions | None = None,
    ) -> Path:
        return self._renderer.write(self.build(session_id, kind, options), out)

    def _dutch(self) -> Translator:
        return self._translators.dutch()

    # -- the handover letter (section 7.3): Dutch, for the receiving professional ----------------
    @gated(Permission.PRINT_HANDOVER, None)
    def handover(self, session: IntakeSession, options: PrintOptions) -> SummaryDocument:
        return handover_document(session, options)
