"""The consent card for the client: "Wat bewaren wij?" and a yes per purpose (PRV-04, PRV-08).

Texts are in the client's language with a pictogram; the counsellor sees the Dutch under each
line when the client's language is another one. Each purpose has its own toggle; switching it
off revokes that consent at once. The lead places this view in phase 9 (warme overdracht).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.model import ConsentPurpose
from intake_app.i18n.direction import in_reading_direction
from intake_app.i18n.translator import Translator
from intake_app.services.consent import (
    NO,
    PURPOSES,
    WHAT_WE_KEEP,
    WHAT_WE_KEEP_TITLE,
    YES,
    ConsentService,
)
from intake_app.ui import pictograms
from intake_app.ui.widgets import named

ROW_PICTOGRAM = 64


class _Row(QWidget):
    """A pictogram, a text in the client's language, the Dutch under it, an optional toggle."""

    def __init__(self, pictogram: str, message: str, toggle: bool) -> None:
        super().__init__()
        self.setObjectName("ConsentRow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.message = message
        self.icon = QLabel()
        self.icon.setPixmap(pictograms.pixmap(pictogram, ROW_PICTOGRAM))
        self.icon.setFixedSize(ROW_PICTOGRAM, ROW_PICTOGRAM)
        self.text = named(QLabel(), "ConsentText", wrap=True)
        self.dutch = named(QLabel(), "ConsentDutch", wrap=True)
        self.toggle: QPushButton | None = None
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.text)
        texts.addWidget(self.dutch)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(16)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
        if toggle:
            self.toggle = named(QPushButton(), "ConsentToggle")
            self.toggle.setCheckable(True)
            layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignVCenter)

    def retranslate(self, client: Translator, dutch: Translator) -> None:
        self.text.setText(in_reading_direction(client.gettext(self.message), client.rtl))
        bilingual = client.code != dutch.code
        self.dutch.setText(dutch.gettext(self.message) if bilingual else "")
        self.dutch.setVisible(bilingual)
        if self.toggle is not None:
            on = self.toggle.isChecked()
            self.toggle.setText(client.gettext(YES) if on else client.gettext(NO))
            # A pictogram, not "✓": no bundled font has that sign.
            self.toggle.setIcon(pictograms.icon("2714", 24) if on else QIcon())


Call = Callable[[Callable[[], dict[ConsentPurpose, bool]]], dict[ConsentPurpose, bool] | None]


class ConsentView(QWidget):
    failed = Signal(str)  # one sentence, in the counsellor's language
    changed = Signal(object)  # dict[ConsentPurpose, bool]

    def __init__(
        self,
        service: ConsentService,
        client: Translator,
        dutch: Translator,
        ui: Translator,
        call: Call | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("ConsentView")
        self.service = service
        # How a service call is run: the window passes its controller's worker (issue 20),
        # which reports failures itself; on its own the view calls directly.
        self.call = call
        self.tr_client = client
        self.tr_dutch = dutch
        self.tr_ui = ui
        self.session_id: int | None = None
        self.title = named(QLabel(), "ConsentTitle", wrap=True)
        self.title_dutch = named(QLabel(), "ConsentDutch")
        self.keep_rows = [_Row(item.pictogram, item.text, False) for item in WHAT_WE_KEEP]
        self.purpose_rows: dict[ConsentPurpose, _Row] = {}
        for purpose in PURPOSES:
            row = _Row(purpose.pictogram, purpose.question, True)
            assert row.toggle is not None
            row.toggle.clicked.connect(
                lambda checked, p=purpose.purpose: self._toggle(p, bool(checked))
            )
            self.purpose_rows[purpose.purpose] = row

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(10)
        column.addWidget(self.title)
        column.addWidget(self.title_dutch)
        for row in self.keep_rows:
            column.addWidget(row)
        column.addSpacing(16)
        for row in self.purpose_rows.values():
            column.addWidget(row)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container, not a Tab stop
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.set_enabled_toggles(False)
        self.retranslate_ui()

    def set_translator(self, client: Translator) -> None:
        self.tr_client = client
        self.retranslate_ui()

    def set_session(self, session_id: int) -> None:
        self.session_id = session_id
        self._run(lambda: self.service.status(session_id))

    def set_enabled_toggles(self, enabled: bool) -> None:
        for row in self.purpose_rows.values():
            assert row.toggle is not None
            row.toggle.setEnabled(enabled)

    def _toggle(self, purpose: ConsentPurpose, on: bool) -> None:
        session_id = self.session_id
        if session_id is None:
            return
        if on:
            self._run(lambda: self.service.give(session_id, purpose))
        else:
            self._run(lambda: self.service.revoke(session_id, purpose))

    def _run(self, action: object) -> None:
        assert callable(action)
        status: dict[ConsentPurpose, bool] = {}
        if self.call is not None:
            status = self.call(action) or {}
        else:
            try:
                status = action()
            except IntakeError as exc:
                self.failed.emit(exc.render(self.tr_ui.gettext))
        self.show_status(status)
        if status:
            self.changed.emit(status)

    def show_status(self, status: dict[ConsentPurpose, bool]) -> None:
        for purpose, row in self.purpose_rows.items():
            assert row.toggle is not None
            row.toggle.setChecked(status.get(purpose, False))
        self.set_enabled_toggles(bool(status))
        self.retranslate_ui()

    def status(self) -> dict[ConsentPurpose, bool]:
        return {
            purpose: bool(row.toggle and row.toggle.isChecked())
            for purpose, row in self.purpose_rows.items()
        }

    # -- auto-lock hooks (ui/auto_lock.py) ---------------------------------------------
    def clear_sensitive(self) -> None:
        """Forget whose consent this is and what was chosen."""
        self.show_status({})

    def restore(self) -> None:
        if self.session_id is not None:
            self.set_session(self.session_id)

    def retranslate_ui(self) -> None:
        client, dutch = self.tr_client, self.tr_dutch
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if client.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.title.setText(in_reading_direction(client.gettext(WHAT_WE_KEEP_TITLE), client.rtl))
        bilingual = client.code != dutch.code
        self.title_dutch.setText(dutch.gettext(WHAT_WE_KEEP_TITLE) if bilingual else "")
        self.title_dutch.setVisible(bilingual)
        for row in [*self.keep_rows, *self.purpose_rows.values()]:
            row.retranslate(client, dutch)
