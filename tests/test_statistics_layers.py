"""The statistics code keeps the layering: no Qt below ui, no openpyxl/ReportLab at start."""

from __future__ import annotations

from tests.test_layers import _loaded_after_import


def test_statistics_below_ui_loads_no_qt_and_no_heavy_libraries() -> None:
    loaded = _loaded_after_import(
        [
            "intake_app.core.statistics",
            "intake_app.storage.statistics_queries",
            "intake_app.services.statistics",
            "intake_app.reporting.stats_report",
            "intake_app.bootstrap.context",
        ]
    )
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6"))}
    assert not {m for m in loaded if m.startswith(("openpyxl", "reportlab"))}


def test_core_statistics_is_standard_library_only() -> None:
    loaded = _loaded_after_import(["intake_app.core.statistics"])
    assert not {m.split(".")[0] for m in loaded} & {"sqlalchemy", "sqlmodel", "babel", "openpyxl"}


def test_main_window_opens_the_dashboard(qtbot, gui_app, context) -> None:
    from intake_app.ui.main_window import MainWindow
    from intake_app.ui.stats_dashboard import StatsDashboard

    window = MainWindow(context, context.translators.dutch())
    qtbot.addWidget(window)
    window.show()
    tab = window.home.indexOf(window.stats_tab)
    assert window.home.tabText(tab) == "Cijfers"
    assert window.stats_dashboard is None  # QtCharts loads only when the tab opens
    window.home.setCurrentIndex(tab)
    assert isinstance(window.stats_dashboard, StatsDashboard)
    assert window.stats_dashboard.isVisible()
