"""The intake screen: the client's card view and, beside it, the counsellor's panel."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from intake_app.content.glossary import Glossary
from intake_app.content.practice import PracticeCase
from intake_app.core.errors import IntakeError
from intake_app.core.flow import Flow, RecordKind
from intake_app.core.summary import SummaryKind
from intake_app.i18n.translator import Translator, Translators
from intake_app.services.consent import ConsentService
from intake_app.services.dto import SessionState
from intake_app.services.print_choices import DiscreetSessionError
from intake_app.services.summaries import PrintOptions, SummaryService
from intake_app.ui.accessibility import tab_chain
from intake_app.ui.client_view import ClientView
from intake_app.ui.consent_view import ConsentView
from intake_app.ui.controller import IntakeController
from intake_app.ui.counsellor_panel import CounsellorPanel
from intake_app.ui.network_map_view import NetworkMapLauncher
from intake_app.ui.print_preview import PrintPreviewDialog, summary_preview


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
        self._link_tab_order()
        if self.consent_view is not None:
            asking = card is not None and card.records is RecordKind.CONSENT
            if asking and self.consent_view.session_id != state.id:
                self.consent_view.set_session(state.id)
            if asking:
                self.consent_view.set_translator(self.client.tr_client)
            self.consent_view.setVisible(asking)

    def _link_tab_order(self) -> None:
        """Client side first (its own order), then the consent card, then the panel."""
        # Compound widgets move with all their children (QWidget.setTabOrder).
        chain = [self.client, self.show_panel_button, self.consent_view, self.panel]
        tab_chain([widget for widget in chain if widget is not None])

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
