"""Where the database file lies: warn when a sync client (OneDrive, Dropbox, ...) owns the folder.

Sync clients copy the file while SQLite writes to it and its ``-wal`` file; the copy on
another machine can be torn, and conflicting copies appear. design.md section 4.
"""

from __future__ import annotations

from pathlib import Path

from intake_app.core.durability import StorageNotice

# Folder-name fragments (lower case) as the sync clients create them, and the product name.
_SYNCED = (
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("nextcloud", "Nextcloud"),
    ("owncloud", "ownCloud"),
    ("icloud drive", "iCloud"),
    ("icloud", "iCloud"),
    ("mobile documents", "iCloud"),
    ("seafile", "Seafile"),
    ("sync.com", "Sync.com"),
    ("pcloud", "pCloud"),
    ("box sync", "Box"),
)


def synced_service(path: Path) -> str | None:
    """The sync service whose folder holds ``path``, or None."""
    for part in Path(path).expanduser().parts:
        lowered = part.lower()
        for fragment, service in _SYNCED:
            if fragment in lowered:
                return service
    return None


def location_warning(path: Path | None) -> StorageNotice | None:
    """A warning to show when the database lies in a synced folder, else None."""
    if path is None:
        return None
    service = synced_service(path)
    if service is None:
        return None
    return StorageNotice(
        "Let op: de database staat in een map van {service} ({folder}). "
        "Zo kunnen gegevens beschadigen. Kies een map buiten {service}.",
        service=service,
        folder=path.parent,
    )
