"""Review status per language: is a translation a draft or checked by a native speaker?

Each language folder holds a small text file ``translations/<code>/STATUS``. Its first word
is ``draft`` or ``reviewed``; further lines are free notes (who reviewed, when). A missing or
unreadable file counts as ``draft``: nobody should mistake an unchecked text for a checked one.
Dutch is the source language and is always ``source``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from intake_app.core import safe_write
from intake_app.i18n.languages import LANGUAGES, SOURCE_LANGUAGE, Language
from intake_app.i18n.translator import N_

STATUS_FILE = "STATUS"


class ReviewStatus(StrEnum):
    SOURCE = "source"
    DRAFT = "draft"
    REVIEWED = "reviewed"


# The counsellor sees these (Dutch ui texts, translated by the ui Translator).
STATUS_LABELS = {
    ReviewStatus.SOURCE: N_("brontaal"),
    ReviewStatus.DRAFT: N_("concept, nog niet nagekeken"),
    ReviewStatus.REVIEWED: N_("nagekeken door een moedertaalspreker"),
}


def review_status(code: str, catalog_dir: Path) -> ReviewStatus:
    if code == SOURCE_LANGUAGE:
        return ReviewStatus.SOURCE
    try:
        text = (catalog_dir / code / STATUS_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ReviewStatus.DRAFT
    words = text.split()
    if words and words[0].lower() == ReviewStatus.REVIEWED.value:
        return ReviewStatus.REVIEWED
    return ReviewStatus.DRAFT


def review_statuses(catalog_dir: Path) -> dict[str, ReviewStatus]:
    return {lang.code: review_status(lang.code, catalog_dir) for lang in LANGUAGES}


def languages_by_code(codes: list[str] | tuple[str, ...]) -> list[Language]:
    """The known languages among ``codes``, in the app's fixed order."""
    wanted = set(codes)
    return [lang for lang in LANGUAGES if lang.code in wanted]


def set_review_status(catalog_dir: Path, code: str, status: ReviewStatus, note: str) -> None:
    """Write ``translations/<code>/STATUS``: the status word, then ``note`` as the newest
    line, then the notes that were already there (the file is the review history)."""
    if code == SOURCE_LANGUAGE or status is ReviewStatus.SOURCE:
        raise ValueError("Dutch is the source language; it has no review status")
    path = catalog_dir / code / STATUS_FILE
    try:
        old_notes = path.read_text(encoding="utf-8").splitlines()[1:]
    except (OSError, UnicodeDecodeError):
        old_notes = []
    safe_write.write_text(path, "\n".join([status.value, note, *old_notes]) + "\n")
