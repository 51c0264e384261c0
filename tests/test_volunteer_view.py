"""For the volunteer: the Dutch of the client's card in the panel, Dutch phase names, and
counsellor-only cards in Dutch and left to right, whatever the client's language."""

from __future__ import annotations

from PySide6.QtCore import Qt

from intake_app.bootstrap.context import build_context
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow


def test_the_volunteer_reads_the_card_in_dutch(gui_app, qtbot, db_url, tmp_path) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    window._start("ar")
    client, panel = window.intake_view.client, window.intake_view.panel

    # Phase 0 is the counsellor's: Dutch, left to right, and no Dutch copy needed.
    assert client.card.id == "interpreter_mode"
    assert client.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert not panel.card_dutch.isVisible()

    window.controller.apply(lambda s, i: s.go_to(i, "primary_question"))
    assert client.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert client.card_title.text() != "Waar wilt u vandaag over praten?"  # Arabic on screen
    assert panel.card_dutch.isVisible()
    text = panel.card_dutch.text()
    assert "Waar wilt u vandaag over praten?" in text
    first = context.intake.flow.card("primary_question").options[0].label
    assert f"1  {first}" in text.splitlines()
    # Phase names in the panel and in the strip's tooltips are readable for the counsellor.
    assert "Uw vraag van vandaag" in panel.phase_list.item(2).text()
    tooltip = client.progress_icons["question"].toolTip()
    assert "Uw vraag van vandaag" in tooltip and tooltip.splitlines()[0] != "Uw vraag van vandaag"

    window.controller.apply(lambda s, i: s.set_client_language(i, "nl"))
    window.controller.apply(lambda s, i: s.open_session(i))
    assert not panel.card_dutch.isVisible()  # a Dutch client: the screen itself is Dutch
    context.close()
