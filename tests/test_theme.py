"""The high-contrast theme (issue 17): contrast computed, a focus style on every control type.

The colour pairs are read from resources/styles/high-contrast.qss and measured with WCAG's
relative luminance; the focusable widgets are collected from the real windows (start and
intake screens with every record form, the print preview, the log-in dialog) and each must
have a focus rule for its type, and look different with focus (a ring, counted in pixels).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from intake_app.bootstrap.context import build_context
from intake_app.bootstrap.paths import default_paths
from intake_app.bootstrap.security import DatabaseGate
from intake_app.i18n.translator import Translator
from intake_app.ui.login_dialog import LoginDialog
from intake_app.ui.main_window import MainWindow
from intake_app.ui.theme import (
    HIGH_CONTRAST,
    STANDARD,
    apply_theme,
    current_theme,
    install_theme_menu,
    store_theme,
    stored_theme,
    stylesheet,
)

STYLES = default_paths().styles
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")
TEXT_RATIO = 7.0  # WCAG AAA for text: more than AA's 4.5
RING_RATIO = 3.0  # WCAG 1.4.11 for a focus indicator against what surrounds it


def _rules(path: Path) -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, properties) of every rule of a stylesheet."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    rules = []
    for block in text.split("}"):
        if "{" not in block:
            continue
        head, body = block.split("{", 1)
        selectors = [" ".join(s.split()) for s in head.split(",") if s.strip()]
        props = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                key, value = declaration.split(":", 1)
                props[key.strip()] = value.strip()
        rules.append((selectors, props))
    return rules


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _colour(value: str | None) -> str | None:
    found = HEX.search(value or "")
    return found.group(0).upper() if found else None


def test_contrast_formula_matches_wcag() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("#2E7D7A", "#FFFFFF") < TEXT_RATIO  # the standard teal is not enough


def test_every_text_pair_of_the_theme_reaches_seven_to_one() -> None:
    rules = _rules(STYLES / "high-contrast.qss")
    base = next(props for selectors, props in rules if selectors == ["QWidget"])
    base_fg, base_bg = _colour(base["color"]), _colour(base["background"])
    assert base_fg and base_bg and contrast(base_fg, base_bg) == pytest.approx(21.0)
    checked = []
    for selectors, props in rules:
        if not {"color", "background", "selection-color"} & props.keys():
            continue
        if all("::indicator" in selector for selector in selectors):
            # A check box's square holds no text: its frame stands out from the white around
            # it, and ticked, so does its fill.
            shown = [_colour(props.get("border"))]
            if all(":checked" in selector for selector in selectors):
                shown.append(_colour(props.get("background")))
            for colour in shown:
                assert colour and contrast(colour, base_bg) >= RING_RATIO, (selectors, colour)
            continue
        fg = _colour(props.get("color")) or base_fg
        bg = _colour(props.get("background")) or base_bg  # transparent: the white below
        pairs = [(fg, bg)]
        if "selection-color" in props:
            pairs.append(
                (
                    _colour(props["selection-color"]) or fg,
                    _colour(props.get("selection-background-color")) or bg,
                )
            )
        for text, ground in pairs:
            ratio = contrast(text, ground)
            checked.append(ratio)
            assert ratio >= TEXT_RATIO, f"{selectors}: {text} on {ground} is {ratio:.1f}:1"
    assert len(checked) > 40


def test_focus_rings_stand_out_and_are_thick() -> None:
    rules = _rules(STYLES / "high-contrast.qss")
    rings = 0
    for selectors, props in rules:
        if not any(":focus" in s for s in selectors) or "border" not in props:
            continue
        width, colour = (
            int(re.search(r"(\d+)px", props["border"]).group(1)),
            _colour(props["border"]),
        )
        assert width >= 4, f"{selectors}: a focus ring of {width}px is too thin"
        assert colour is not None
        ground = _colour(props.get("background")) or "#FFFFFF"
        for around in (ground, "#FFFFFF"):  # inside the control, and the window around it
            assert contrast(colour, around) >= RING_RATIO, (selectors, colour, around)
        rings += 1
    assert rings >= 8


def test_the_theme_restates_every_colour_of_the_standard_sheet() -> None:
    """A selector that colours something in app.qss is coloured again in high contrast."""
    theme = {s for selectors, _props in _rules(STYLES / "high-contrast.qss") for s in selectors}
    missing = [
        selector
        for selectors, props in _rules(STYLES / "app.qss")
        if any(HEX.search(value) for value in props.values())
        for selector in selectors
        if selector not in theme
    ]
    assert missing == []


def _focus_types() -> set[str]:
    """Qt class names that have a plain ``Type:focus`` rule (no id, no ancestor)."""
    types = set()
    for selectors, _props in _rules(STYLES / "high-contrast.qss"):
        for selector in selectors:
            match = re.fullmatch(r"(Q\w+)(?:::\w+)?:focus", selector)
            if match:
                types.add(match.group(1))
    return types


def _qt_classes(widget: QWidget) -> list[str]:
    names = []
    meta = widget.metaObject()
    while meta is not None:
        names.append(meta.className())
        meta = meta.superClass()
    return names


def _focusable(root: QWidget) -> list[QWidget]:
    return [
        widget
        for widget in [root, *root.findChildren(QWidget)]
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus  # Tab, click or set by the app
        and not widget.isWindow()
        and widget.focusProxy() is None  # focus goes to the proxy (a tab widget's tab bar)
        # A plain container that a click focuses (the client's card, for its digit keys) is
        # no control: its controls show the focus.
        and _nearest_qt_class(widget) != "QWidget"
    ]


def _nearest_qt_class(widget: QWidget) -> str:
    """The first Qt class a widget is (our classes are Python subclasses of one)."""
    return next(name for name in _qt_classes(widget) if re.fullmatch(r"Q[A-Z]\w*", name))


def _grab(widget: QWidget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    bits = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = bits.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4).copy()


@pytest.fixture
def high_contrast(gui_app):
    apply_theme(gui_app, STYLES, HIGH_CONTRAST)
    yield gui_app
    apply_theme(gui_app, STYLES, STANDARD)


def test_every_focusable_control_has_a_visible_focus_style(
    high_contrast, qtbot, db_url, tmp_path
) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    roots: list[QWidget] = [window]
    window.start_view.language.setCurrentIndex(window.start_view.language.findData("nl"))
    qtbot.mouseClick(window.start_view.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.intake_view, timeout=10_000)
    preview = window.intake_view.open_preview("client")
    assert preview is not None
    roots.append(preview)
    login = LoginDialog(DatabaseGate(data_dir=tmp_path / "other"), Translator("nl", tmp_path))
    qtbot.addWidget(login)
    roots.append(login)

    focus_types = _focus_types()
    widgets = [w for root in roots for w in _focusable(root)]
    assert len(widgets) > 40
    unstyled = sorted(
        {_nearest_qt_class(w) for w in widgets if not focus_types & set(_qt_classes(w))}
    )
    assert unstyled == [], f"focusable types without a :focus rule: {unstyled}"

    # Seen, not only written: one shown control of each type, without and with focus.
    preview.close()
    # The offscreen platform does not hand activation back when a dialog closes (a window
    # manager does); focus only moves inside the active window.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    samples: dict[str, QWidget] = {}
    for widget in _focusable(window):
        if widget.isVisible() and widget.isEnabled() and widget.width() > 8:
            kind = next(c for c in _qt_classes(widget) if c in focus_types)
            samples.setdefault(kind, widget)
    assert {"QPushButton", "QToolButton", "QComboBox", "QLabel"} <= samples.keys()
    for kind, widget in samples.items():
        window.setFocus()
        qtbot.waitUntil(lambda widget=widget: not widget.hasFocus())
        before = _grab(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        after = _grab(widget)
        changed = int(np.count_nonzero((before != after).any(axis=2)))  # pixels changed
        ring = 2 * (widget.width() + widget.height()) * 4  # a 4-pixel frame all round
        assert changed >= ring * 0.5, f"{kind} {widget!r}: focus changes {changed} pixels"
    context.close()


def test_the_choice_is_stored_per_installation_and_switched_from_the_menu(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    assert stored_theme(tmp_path) == STANDARD  # nothing stored yet
    (tmp_path / "theme.txt").write_text("purple\n", encoding="utf-8")
    assert stored_theme(tmp_path) == STANDARD  # unknown: the standard look
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    apply_theme(gui_app, STYLES, STANDARD)
    action = install_theme_menu(window, STYLES, tmp_path, Translator("nl", tmp_path))
    assert action.text() == "Hoog contrast" and not action.isChecked()
    action.trigger()
    assert current_theme(gui_app) == HIGH_CONTRAST
    assert gui_app.styleSheet() == stylesheet(STYLES, HIGH_CONTRAST)
    assert stored_theme(tmp_path) == HIGH_CONTRAST  # the next start opens in high contrast
    action.trigger()
    assert gui_app.styleSheet() == stylesheet(STYLES, STANDARD)
    assert stored_theme(tmp_path) == STANDARD
    store_theme(tmp_path, HIGH_CONTRAST)
    assert (tmp_path / "theme.txt").stat().st_mode & 0o077 == 0  # owner-only, as every file
    context.close()
    QApplication.processEvents()
