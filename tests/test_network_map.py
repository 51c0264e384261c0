"""The network map the client builds on the screen (INT-17): "Wie kan helpen?" and "Wie wilt
u er niet bij?" with pictogram chips, by keyboard and by buttons; printed as a small paper of
its own; never stored without the client's consent (here: never stored at all)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from intake_app.bootstrap.context import build_context
from intake_app.i18n.translator import Translator
from intake_app.services.network_map import CHIPS, NetworkMap
from intake_app.ui.main_window import MainWindow
from intake_app.ui.network_map_view import HELPING, PALETTE, UNWANTED
from tests.pdf_text import flat, pdf_text


def _window(qtbot, db_url, tmp_path):  # type: ignore[no-untyped-def]
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    return window


def _everything_in(database: Path) -> str:
    """Every value of every table, as text: what a person with the file could read."""
    with sqlite3.connect(database) as db:
        tables = [r[0] for r in db.execute("select name from sqlite_master where type='table'")]
        rows = [repr(row) for t in tables for row in db.execute(f'select * from "{t}"')]
    return "\n".join(rows)


def test_the_client_builds_the_map_by_keyboard(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    window._start("nl")
    window.intake_view.panel.network_map_button.click()
    dialog = window.intake_view.network_map.dialog
    assert dialog is not None and dialog.isVisible()
    palette, helps, unwanted = (dialog.lists[a] for a in (PALETTE, HELPING, UNWANTED))
    qtbot.waitUntil(palette.hasFocus, timeout=10_000)  # the window becomes active
    assert palette.count() == len(CHIPS)
    assert dialog.headings[HELPING].text() == "Wie kan helpen?"
    assert dialog.headings[UNWANTED].text() == "Wie wilt u er niet bij?"
    # 1: "can help" (the first chip, partner); arrows choose; 2: "not wanted".
    qtbot.keyClick(palette, Qt.Key.Key_1)
    palette.setCurrentRow(2)  # family abroad moved up one after partner left
    assert palette.currentItem().data(Qt.ItemDataRole.UserRole) == "family_abroad"
    qtbot.keyClick(palette, Qt.Key.Key_2)
    qtbot.keyClick(palette, Qt.Key.Key_End)
    qtbot.keyClick(palette, Qt.Key.Key_1)  # work
    assert dialog.network_map() == NetworkMap(("partner", "work"), ("family_abroad",))
    assert palette.hasFocus()  # the client stays where she is
    # Changing her mind: in an area, 0 or Delete puts a chip back in its place; 2 moves it.
    helps.setFocus()
    helps.setCurrentRow(0)
    qtbot.keyClick(helps, Qt.Key.Key_Delete)
    assert dialog.area_ids(HELPING) == ("work",)
    assert dialog.area_ids(PALETTE)[0] == "partner"  # back at the front, where it was
    helps.setCurrentRow(0)
    qtbot.keyClick(helps, Qt.Key.Key_2)
    assert dialog.network_map() == NetworkMap((), ("family_abroad", "work"))
    # The buttons do the same for the chip last chosen with the mouse.
    palette.setCurrentRow(0)
    dialog.helps_button.click()
    assert dialog.area_ids(HELPING) == ("partner",)
    helps.setCurrentRow(0)
    dialog.remove_button.click()
    assert dialog.area_ids(HELPING) == ()
    # Every list says what it is to a screen reader; every chip says where it is.
    assert helps.accessibleName() == "Wie kan helpen?"
    assert unwanted.item(0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Familie in het buitenland, Wie wilt u er niet bij?"
    )
    window.context.close()


def test_the_map_is_never_stored(gui_app, qtbot, db_url, tmp_path) -> None:
    """No consent is asked because nothing is kept: not in the database, not in the audit
    log (which says only that a network map was printed), and not after the screen locks."""
    window = _window(qtbot, db_url, tmp_path)
    window._start("ar")
    sid = window.controller.state.id
    launcher = window.intake_view.network_map
    dialog = launcher.open()
    for chip_id in ("family_abroad", "neighbours"):
        row = dialog.area_ids(PALETTE).index(chip_id)
        dialog.lists[PALETTE].setCurrentRow(row)
        qtbot.keyClick(dialog.lists[PALETTE], Qt.Key.Key_2)
    dialog.lists[PALETTE].setCurrentRow(0)
    qtbot.keyClick(dialog.lists[PALETTE], Qt.Key.Key_1)
    assert dialog.network_map().not_wanted == ("family_abroad", "neighbours")
    promise = "Wij bewaren dit niet. U kunt het wel printen en meenemen."
    arabic = window.context.translators.get("ar").gettext(promise)
    assert arabic != promise and dialog.privacy.text() == arabic  # in the client's language
    # Closed and opened again in the same conversation: still there (memory).
    dialog.close_button.click()
    assert launcher.open() is dialog and dialog.area_ids(HELPING) == ("partner",)
    window.context.summaries.render_network_map(sid, dialog.network_map())
    # Walk on through the conversation so everything else is written.
    window.controller.apply(lambda s, i: s.add_note(i, "Gewone notitie", None))
    window.controller.apply(lambda s, i: s.next(i))
    QApplication.processEvents()
    database = tmp_path / "intake.db"
    stored = _everything_in(database)
    assert "Gewone notitie" in stored  # the check reads the right database
    for chip_id in ("family_abroad", "neighbours", "partner"):
        assert chip_id not in stored
    for label in ("Familie in het buitenland", "Buren", "Partner", "Wie wilt u er niet bij"):
        assert label not in stored
    with sqlite3.connect(database) as db:
        printed = db.execute(
            "select detail from audit_event where action = 'printed' and target = ?",
            (f"session:{sid}",),
        ).fetchall()
    assert printed == [("network_map",)]  # which paper, never who is on it
    # The lock forgets it; after unlocking the map starts empty.
    window.intake_view.clear_sensitive()
    assert launcher.dialog is None
    window.intake_view.restore()
    again = launcher.open()
    assert again is not dialog and again.network_map().empty
    window.context.close()


def test_the_map_prints_as_its_own_paper(context, tmp_path) -> None:
    """The printing service lays it out (reportlab, bundled fonts); read back with pdftotext."""
    sid = context.intake.start_session("nl").id
    chosen = NetworkMap(helps=("friends", "gp", "neighbourhood_team"), not_wanted=("family_nl",))
    text = flat(pdf_text(context.summaries.render_network_map(sid, chosen), tmp_path))
    assert "Mijn netwerk" in text
    helps, _, unwanted = text.partition("Wie wilt u er niet bij?")
    assert "Wie kan helpen?" in helps
    for label in ("Vrienden", "Huisarts", "Wijkteam"):
        assert label in helps
    assert "Familie in Nederland" in unwanted and "Vrienden" not in unwanted
    assert "OpenMoji" in text  # the pictograms' licence on the paper
    empty = flat(pdf_text(context.summaries.render_network_map(sid, NetworkMap()), tmp_path))
    assert empty.count("Nog niemand gekozen.") == 2
    # Discreet paper (the home may not be safe): who is kept out never goes home on paper.
    context.intake.set_flags(sid, safety=True)
    discreet = flat(pdf_text(context.summaries.render_network_map(sid, chosen), tmp_path))
    assert "Wie kan helpen?" in discreet and "Huisarts" in discreet
    assert "Wie wilt u er niet bij?" not in discreet and "Familie in Nederland" not in discreet


def test_the_print_button_opens_the_preview(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    window._start("nl")
    dialog = window.intake_view.network_map.open()
    dialog.lists[PALETTE].setCurrentRow(0)
    qtbot.keyClick(dialog.lists[PALETTE], Qt.Key.Key_1)
    dialog.print_button.click()
    preview = window.intake_view.network_map.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.page_count() == 1, timeout=60_000)
    assert "Partner" in preview.text and "Wie kan helpen?" in preview.text
    window.context.close()
