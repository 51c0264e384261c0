"""The layering of design.md section 3 holds at run time, not only in import-linter."""

from __future__ import annotations

import subprocess
import sys

BELOW_UI = [
    "intake_app.core.flow",
    "intake_app.core.model",
    "intake_app.core.ports",
    "intake_app.core.summary",
    "intake_app.i18n.translator",
    "intake_app.i18n.formatting",
    "intake_app.content.loader",
    "intake_app.content.extractor",
    "intake_app.storage.opening",
    "intake_app.reporting.writer",
    "intake_app.reporting.summary_pdf",
    "intake_app.reporting.bidi_text",
    "intake_app.services.summaries",
    "intake_app.cli.summary",
    "intake_app.services.intake",
    "intake_app.bootstrap.context",
    "intake_app.cli.main",
]


def _loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print('\\n'.join(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_nothing_below_ui_loads_qt() -> None:
    loaded = _loaded_after_import(BELOW_UI)
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6"))}


def test_core_uses_only_the_standard_library() -> None:
    loaded = _loaded_after_import(
        ["intake_app.core.flow", "intake_app.core.model", "intake_app.core.summary"]
    )
    third_party = {"sqlalchemy", "sqlmodel", "babel", "yaml", "reportlab", "PySide6"}
    assert not {m.split(".")[0] for m in loaded} & third_party


def test_starting_the_services_does_not_load_reportlab() -> None:
    # ReportLab is loaded on the first print only: it costs start-up time.
    loaded = _loaded_after_import(["intake_app.bootstrap.context"])
    assert not {m for m in loaded if m.startswith("reportlab")}


def test_the_log_in_window_needs_no_database_library() -> None:
    """Issue 16: the first window is on screen before SQLAlchemy/SQLModel load (they cost
    a few hundred milliseconds); app.load_database_libraries brings them in afterwards."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import intake_app.app, intake_app.ui.login_dialog\n"
        "from intake_app.bootstrap.security import DatabaseGate\n"
        "from intake_app.storage.keys import KeyStore\n"
        "gate = DatabaseGate(data_dir=__import__('pathlib').Path(sys.argv[1]))\n"
        "KeyStore(gate.keystore.path).initialise('beheer', 'een lang wachtwoord')\n"
        "assert not DatabaseGate(data_dir=gate.data_dir).needs_first_admin()\n"
        "loaded = [m for m in ('sqlalchemy', 'sqlmodel', 'reportlab') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-c", code, folder], capture_output=True, text=True, check=True,
            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
    assert done.stdout.strip() == ""
