"""Qt's own texts (file and print dialogs, "Cancel" in message boxes) in the counsellor's
language: Qt ships them as ``qtbase_*.qm`` (design.md section 10)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

_installed: list[QTranslator] = []  # kept alive; Qt holds only a pointer


def use_qt_translations(code: str) -> bool:
    """Replace the installed Qt catalog by the one for ``code`` (``fa_AF`` uses ``fa``).

    Returns False when Qt has no catalog for that language (its own English stays)."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    for name in (code, code.split("_")[0]):
        if translator.load(f"qtbase_{name}", folder):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
            return True
    return False
