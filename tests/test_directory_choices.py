"""The sociale kaart takes codes from their lists (issue 13): languages and contact persons
are checkboxes, free text like "vrouw, man" cannot be stored, and a directory file with a
bad code is refused in one Dutch sentence without saving anything."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.directory import Organisation
from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import Translator
from intake_app.ui.directory_view import DirectoryView
from intake_app.ui.main_window import MainWindow

PASSWORD = "beheer-wachtwoord-1"
SHOTS = os.environ.get("INTAKE_SCREENSHOTS")
HEADER = "name,formal,kind,languages,contact_genders,neighbourhood,channel,evening_hours\n"


@pytest.fixture
def window(gui_app, qtbot, db_url, tmp_path):  # type: ignore[no-untyped-def]
    context = DatabaseGate(db_url=db_url, data_dir=tmp_path).open_first_run(
        "beheer", "Anna", PASSWORD
    )
    built = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(built)
    built.resize(1366, 698)
    built.show()
    built.home.setCurrentWidget(built.directory_view)
    yield built
    context.close()


def test_languages_and_contact_persons_are_chosen_not_typed(window) -> None:
    view: DirectoryView = window.directory_view
    assert set(view.languages.boxes) >= {"nl", "ar", "ti", "fa_AF"}
    assert view.languages.boxes["ar"].text() == "Arabisch"
    assert [box.text() for box in view.genders.boxes.values()] == ["vrouw", "man"]
    view.name.setText("Vrouwenhuis Noord")
    view.languages.boxes["ar"].setChecked(True)
    view.languages.boxes["ti"].setChecked(True)
    view.genders.boxes["female"].setChecked(True)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(SHOTS) / "directory-form.png"))
    view.save_button.click()
    [stored] = window.context.directory.organisations()
    assert stored.languages == ("ar", "ti") and stored.contact_genders == ("female",)
    view.list.setCurrentRow(0)  # back in the form as ticks
    assert view.languages.codes() == ("ar", "ti") and view.genders.codes() == ("female",)
    view.clear_form()
    assert view.languages.codes() == () and view.genders.codes() == ()


def test_free_text_codes_are_refused_in_one_sentence(window) -> None:
    directory = window.context.directory
    with pytest.raises(IntakeError) as refused:
        directory.save(Organisation("Buurthuis", contact_genders=("vrouw", "man")))
    assert str(refused.value) == (
        "„vrouw” is geen code voor contactpersonen; gebruik female of male."
    )
    with pytest.raises(IntakeError, match="„Arabisch” is geen taalcode; gebruik nl, "):
        directory.save(Organisation("Buurthuis", languages=("Arabisch",)))
    assert directory.organisations() == []


def test_a_directory_file_is_read_or_refused_as_a_whole(window, qtbot, tmp_path) -> None:
    view: DirectoryView = window.directory_view
    good = tmp_path / "kaart.csv"
    good.write_text(
        HEADER
        + 'Schuldhulp Stad,ja,schuldhulp,"nl, ar",female;male,Noord,telefoon,nee\n'
        + "Moskee Vrede,nee,moskee,ar so,male,Zuid,langs,ja\n",
        encoding="utf-8",
    )
    assert view.import_from(good) == 2
    names = {o.name: o for o in window.context.directory.organisations()}
    assert names["Schuldhulp Stad"].languages == ("nl", "ar")
    assert names["Moskee Vrede"].contact_genders == ("male",) and not names["Moskee Vrede"].formal
    assert view.list.count() == 2

    bad = tmp_path / "fout.csv"
    bad.write_text(
        HEADER + 'Buurthuis,ja,wijkteam,nl,female,,,nee\nVrouwenhuis,ja,,nl,"vrouw, man",,,nee\n',
        encoding="utf-8",
    )
    with qtbot.waitSignal(view.failed) as failed:
        assert view.import_from(bad) == 0
    assert failed.args == [
        "Regel 3: „vrouw” is geen code voor contactpersonen; gebruik female of male."
    ]
    assert len(window.context.directory.organisations()) == 2  # nothing of the bad file

    no_columns = tmp_path / "leeg.csv"
    no_columns.write_text("naam;talen\nX;nl\n", encoding="utf-8")
    with qtbot.waitSignal(view.failed) as failed:
        view.import_from(no_columns)
    assert failed.args[0].startswith("Het bestand mist de kolom name")
