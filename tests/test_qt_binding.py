"""Guards against a Qt binding that corrupts Python's reference to None.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` on every call of a method
that returns nothing; after some thousands of calls the interpreter aborts ("deallocating
None"). pyproject.toml pins below 6.12; this test fails if such a build comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QToolButton


def test_void_calls_keep_none_alive(qapp) -> None:
    button = QToolButton()
    before = sys.getrefcount(None)
    for _ in range(200):
        button.setText("x")
    assert sys.getrefcount(None) - before > -50
