"""The coordinator's choice of offered languages is stored in the database and survives."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from intake_app.bootstrap.context import build_context
from intake_app.core.errors import IntakeError
from intake_app.i18n.languages import LANGUAGES
from intake_app.i18n.status import ReviewStatus


def test_all_languages_offered_until_chosen(context) -> None:
    assert context.languages.offered_codes() == [lang.code for lang in LANGUAGES]
    infos = {info.code: info for info in context.languages.languages()}
    assert infos["ar"].rtl and infos["fa_AF"].rtl and not infos["ti"].rtl
    assert infos["ar"].status is ReviewStatus.DRAFT
    assert infos["nl"].status is ReviewStatus.SOURCE


def test_choice_is_stored_and_dutch_always_stays(db_url, tmp_path) -> None:
    first = build_context(db_url=db_url, data_dir=tmp_path)
    try:
        assert first.languages.set_offered(["ti", "ar", "tr"]) == ["nl", "tr", "ar", "ti"]
        assert "app_setting" in inspect(first.storage.engine).get_table_names()
    finally:
        first.close()
    again = build_context(db_url=db_url, data_dir=tmp_path)
    try:
        assert again.languages.offered_codes() == ["nl", "tr", "ar", "ti"]
        assert [i.code for i in again.languages.offered()] == ["nl", "tr", "ar", "ti"]
        again.languages.set_offered(["pl"])
        assert again.languages.offered_codes() == ["nl", "pl"]
    finally:
        again.close()


def test_unknown_language_refused(context) -> None:
    with pytest.raises(IntakeError) as caught:
        context.languages.set_offered(["xx", "tr"])
    assert "xx" in str(caught.value)
    assert context.languages.offered_codes() == [lang.code for lang in LANGUAGES]


def test_stored_unknown_codes_are_ignored(context) -> None:
    from intake_app.core.settings import OFFERED_LANGUAGES
    from intake_app.storage.settings import SqlSettingsStore

    SqlSettingsStore(context.storage.engine).set_setting(OFFERED_LANGUAGES, "tr,klingon,,uk")
    assert context.languages.offered_codes() == ["nl", "tr", "uk"]


def test_migration_matches_the_table_model(context) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import intake_app.storage.tables  # noqa: F401  (registers the tables)

    with context.storage.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert [d for d in diffs if "app_setting" in repr(d)] == []
