"""Benchmarks run with `make bench`; budgets are in design.md section 9 and the README."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
