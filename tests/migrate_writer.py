"""Open (and so migrate) a database, then say ``opened``: killed mid-way by test_migrations."""

from __future__ import annotations

import sys
from pathlib import Path

from intake_app.storage.database import sqlite_url
from intake_app.storage.opening import open_storage

if __name__ == "__main__":
    open_storage(sqlite_url(Path(sys.argv[1]))).close()
    print("opened", flush=True)
