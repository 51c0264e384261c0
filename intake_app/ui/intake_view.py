"""The intake screen: the client's card view and, beside it, the counsellor's panel."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from intake_app.content.glossary import Glossary
from intake_app.content.practice import PracticeCase
from intake_app.core.errors import IntakeError
from intake_app.core.flow import Flow, RecordKind
from intake_app.core.summary import SummaryDocument, SummaryKind
from intake_app.i18n.translator import Translator, Translators
from intake_app.services.consent import ConsentService
from intake_app.services.dto import SessionState
from intake_app.services.print_choices import DiscreetSessionError
from intake_app.services.summaries import PrintOptions, SummaryService
from intake_app.services.summary_closing import RecapPart
from intake_app.ui.accessibility import document_text, tab_chain
from intake_app.ui.client_view import ClientView
from intake_app.ui.consent_view import ConsentView
from intake_app.ui.controller import IntakeController
from intake_app.ui.counsellor_panel import CounsellorPanel
from intake_app.ui.network_map_view import NetworkMapLauncher
from intake_app.ui.print_preview import PrintPreviewDialog, summary_preview
from intake_app.ui.recap_view import RecapView

# The recap cards of phase 8 and the part of the recap each shows (COM-04, INT-18).
RECAP_PARTS = {
    RecordKind.RECAP: RecapPart.CONVERSATION,
    RecordKind.EXPECTATIONS_AGAIN: RecapPart.EXPECTATIONS,
}


class IntakeView(QWidget):
    closed = Signal()

    def __init__(
        self,
        controller: IntakeController,
        flow: Flow,
        translators: Translators,
        ui: Translator,
        practice_cases: tuple[PracticeCase, ...] = (),
        glossary: Glossary | None = None,
        summaries: SummaryService | None = None,
        consent: ConsentService | None = None,
    ) -> None:
        super().__init__()
        self.controller = controller
        self.flow = flow
        self.translators = translators
        self.tr_ui = ui
        self.summaries = summaries
        self.preview: PrintPreviewDialog | None = None
        self.locked = False  # while locked, a late result must not refill the screen
        self.client = ClientView(flow, translators.dutch(), translators.dutch(), glossary)
        self.panel = CounsellorPanel(controller, flow, ui, practice_cases)
        self.show_panel_button = QPushButton()
        self.show_panel_button.hide()
        self.show_panel_button.clicked.connect(lambda: self.set_panel_visible(True))

        client_column = QVBoxLayout()
        client_column.setContentsMargins(0, 0, 0, 0)
        client_column.addWidget(self.show_panel_button, 0, Qt.AlignmentFlag.AlignRight)
        client_column.addWidget(self.client, 1)
        # The consent card (PRV-04, PRV-08): the client sees what we keep and decides per
        # purpose, in their own language with Dutch alongside; each switch is stored at once.
        self.consent_view: ConsentView | None = None
        if consent is not None:
            dutch = translators.dutch()
            self.consent_view = ConsentView(consent, dutch, dutch, ui, controller.call)
            self.consent_view.set_enabled_toggles(True)
            self.consent_view.failed.connect(controller.failed)
            self.consent_view.changed.connect(
                lambda _status: controller.apply(lambda s, sid: s.open_session(sid))
            )
            self.consent_view.hide()
            client_column.addWidget(self.consent_view, 2)
        # The end recap (COM-04) under the phase-8 card "Dit hebben we besproken".
        self.recap_view = RecapView(translators.dutch())
        self._recap_request: tuple[int, RecapPart] | None = None  # the recap asked for last
        self.recap_view.hide()
        self.recap_view.sheet_requested.connect(self.open_info_sheet)
        if summaries is not None:
            self.recap_view.set_sheets(summaries.info_sheets())
        # The recap takes the room the card's question leaves, never the question's own.
        self.recap_view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        client_column.addWidget(self.recap_view, 4)
        self.client_column = client_column
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(client_column, 1)
        layout.addWidget(self.panel)

        self.client.option_chosen.connect(controller.answer)
        self.client.declined.connect(controller.decline)
        self.client.next_requested.connect(lambda: controller.apply(lambda s, sid: s.next(sid)))
        self.panel.print_requested.connect(self.open_preview)
        # The client's network map (INT-17): in memory only, forgotten on lock and close.
        self.network_map = NetworkMapLauncher(controller, translators, ui, summaries, self)
        self.panel.network_map_requested.connect(self.network_map.open)
        self.closed.connect(self.network_map.forget)
        self.panel.back_requested.connect(self.closed)
        self.panel.hide_requested.connect(lambda: self.set_panel_visible(False))
        controller.session_changed.connect(self.show_state)
        self._build_shortcuts()
        self.retranslate_ui()

    def _build_shortcuts(self) -> None:
        """The counsellor's keys and the client's digits, wherever focus is in the window.

        Window shortcuts on this view: active only while it is shown (never over the lock
        screen or the start screen). A text field keeps its own keys (digits type, Ctrl+Left
        moves by word) because Qt lets it claim them first.
        """
        actions: dict[str, Callable[[], object]] = {
            "Ctrl+H": lambda: self.set_panel_visible(not self.panel.isVisible()),
            "Ctrl+Right": lambda: self.controller.apply(lambda s, sid: s.next(sid)),
            "Ctrl+Left": lambda: self.controller.apply(lambda s, sid: s.back(sid)),
            "Ctrl+P": lambda: self.open_preview(str(self.panel.print_kind.currentData())),
        }
        for number in range(1, 10):
            actions[str(number)] = partial(self.client.choose_number, number)
        self.shortcuts: dict[str, QShortcut] = {}
        for keys, action in actions.items():
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(action)
            self.shortcuts[keys] = shortcut

    def set_panel_visible(self, visible: bool) -> None:
        """The counsellor hides the panel when the client looks at the screen."""
        self.panel.setVisible(visible)
        self.show_panel_button.setVisible(not visible)

    def begin_visit(self) -> None:
        self.panel.start_clock()
        self.client.focus_question()

    def focus_first(self) -> None:
        """After unlocking: back on the question, as at the start of a visit."""
        self.client.focus_question()

    def clear_sensitive(self) -> None:
        """Auto-lock (ui/auto_lock.py): client and panel forget the conversation."""
        self.locked = True
        if self.preview is not None:
            self.preview.close()
        self.network_map.forget()
        self.client.clear_sensitive()
        self.recap_view.clear_sensitive()
        self.recap_view.hide()
        self.panel.clear_sensitive()
        if self.consent_view is not None:
            self.consent_view.clear_sensitive()
            self.consent_view.hide()

    def restore(self) -> None:
        """After unlocking: the same conversation, card and panel, read from the database."""
        self.locked = False
        self.panel.restore()
        if self.consent_view is not None:
            self.consent_view.restore()
        state = self.controller.state
        if state is not None:
            self.controller.apply(lambda s, sid: s.open_session(sid))
        else:
            self.retranslate_ui()

    def show_state(self, state: SessionState) -> None:
        if self.locked:
            return
        if self.client.tr_client.code != state.client_language:
            self.client.set_translator(self.translators.get(state.client_language))
        card = self.flow.card(state.current_card) if state.current_card else None
        answer = state.answer(card.id) if card else None
        self.client.show_card(card, answer.values if answer else (), state.phases)
        self.panel.show_state(state)
        if self.consent_view is not None:
            asking = card is not None and card.records is RecordKind.CONSENT
            if asking and self.consent_view.session_id != state.id:
                self.consent_view.set_session(state.id)
            if asking:
                self.consent_view.set_translator(self.client.tr_client)
            self.consent_view.setVisible(asking)
        self._show_recap(state, RECAP_PARTS.get(card.records) if card and card.records else None)
        self._link_tab_order()

    def _show_recap(self, state: SessionState, part: RecapPart | None) -> None:
        """A recap card: the session's recap in the client's language instead of cards.

        Read on the worker (issue 20); until it arrives the recap of another card or session
        is not shown, and a recap that arrives after the card changed is dropped.
        """
        summaries = self.summaries
        shown = part is not None and summaries is not None
        self.client.options_area.setVisible(not shown)
        self.client_column.setStretchFactor(self.client, 0 if shown else 1)
        request = (state.id, part) if part is not None and summaries is not None else None
        if request != self._recap_request:
            self.recap_view.setVisible(False)
        self._recap_request = request
        if request is None or summaries is None:
            return
        session_id, recap_part = request
        self.controller.read(
            lambda: summaries.recap(session_id, recap_part),
            lambda document: self._recap_arrived(request, document),
        )

    def _recap_arrived(self, request: tuple[int, RecapPart], document: SummaryDocument) -> None:
        if request != self._recap_request:
            return  # the card changed while the recap was read
        self.recap_view.set_translator(self.client.tr_client)
        self.recap_view.show_document(document, sheets=request[1] is RecapPart.EXPECTATIONS)
        self.recap_view.setVisible(True)
        self._link_tab_order()

    def _link_tab_order(self) -> None:
        """Client side first (its own order), then the recap or the consent card, then the
        panel."""
        # From the client's own last widget: ``setTabOrder(client, x)`` puts x after the
        # client *itself* unless Qt sees it as a compound widget (a focus proxy inside), and
        # so, once the recap arrived later from the worker, behind the whole client side.
        recap = self.recap_view.focus_chain() if self.recap_view.isVisibleTo(self) else []
        last = self.client.focus_chain()[-1]
        chain = [last, *recap, self.show_panel_button, self.consent_view, self.panel]
        tab_chain([widget for widget in chain if widget is not None])

    def open_info_sheet(self, sheet_id: str) -> PrintPreviewDialog | None:
        """An information sheet (COM-10) in the client's language, Dutch beside it."""
        state = self.controller.state
        if state is None or self.summaries is None:
            return None
        summaries = self.summaries
        try:
            document = summaries.info_sheet(sheet_id, state.client_language)
        except IntakeError as exc:
            self.controller.failed.emit(exc.render(self.tr_ui.gettext))
            return None
        dialog = PrintPreviewDialog(
            self.tr_ui,
            lambda: summaries.render_document(document),
            f"informatie-{sheet_id}-{state.client_language}.pdf",
            self,
            document_text(document),
        )
        dialog.open()
        self.preview = dialog
        return dialog

    def retranslate_ui(self) -> None:
        self.show_panel_button.setText(self.tr_ui.gettext("Paneel hulpverlener"))
        self.client.retranslate_ui()
        self.panel.retranslate_ui()

    def confirm_full_summary(self) -> bool:
        """Ask before the full summary of a discreet session; No is the default."""
        t = self.tr_ui
        answer = QMessageBox.question(
            self,
            t.gettext("Discreet gesprek"),
            t.gettext(
                "Dit gesprek staat op discreet: thuis is het misschien niet veilig. "
                "Toch de volledige samenvatting met namen en bedragen maken?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_preview(self, kind: str = SummaryKind.CLIENT.value) -> PrintPreviewDialog | None:
        """Show the document in the app; print or save it from there (design.md section 7)."""
        state = self.controller.state
        if state is None or self.summaries is None:
            return None
        try:
            try:
                dialog = summary_preview(self.summaries, self.tr_ui, state.id, kind, parent=self)
            except DiscreetSessionError:
                # A discreet session: the full summary only when the counsellor confirms it
                # (audited as discretion_overridden).
                if not self.confirm_full_summary():
                    return None
                override = PrintOptions(override_discretion=True)
                dialog = summary_preview(
                    self.summaries, self.tr_ui, state.id, kind, override, parent=self
                )
        except IntakeError as exc:  # e.g. a handover without consent
            self.controller.failed.emit(exc.render(self.tr_ui.gettext))
            return None
        dialog.saved.connect(self.controller.printed)
        dialog.open()
        self.preview = dialog
        return dialog
