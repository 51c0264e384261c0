"""The bad inputs for ``intake-admin`` (tests/test_bad_input_corpus.py runs them).

Each case is an argument list with placeholders, filled per worker:

- ``{db}``: the URL of a plain SQLite database with two sessions (one imported from the
  documented example, code K-7F3A-Q2, number 1), ``{tmp}``: a scratch folder;
- ``{fifo}``, ``{folder}``, ``{devfull_link}``, ``{devzero_link}``, ``{big}``: special files;
- ``{csv}``: a good statistics file, and the damaged ones ``{csv_*}``;
- ``{session:NAME}``: a file of tests/bad_inputs/sessions/bad (all of them are added below).

``expected`` is a fragment of the one line on stderr ("" when any clear sentence will do).
Keys-file cases run against an encrypted data folder of their own (test module).
"""

from __future__ import annotations

HUGE = "99999999999999999999999"
GOOD_OUT = "{tmp}/out.json"
STATS = ["stats", "export", "--from", "2026-01", "--to", "2026-06"]

ARGUMENT_CASES: list[tuple[str, list[str], str]] = [
    # -- numbers
    ("export_huge_id", ["sessions", "export", HUGE, "--out", GOOD_OUT], "geen heel getal"),
    ("export_negative_id", ["sessions", "export", "-1", "--out", GOOD_OUT], "kan niet"),
    ("export_zero_id", ["sessions", "export", "0", "--out", GOOD_OUT], "kan niet"),
    ("export_word_id", ["sessions", "export", "een", "--out", GOOD_OUT], "geen heel getal"),
    ("export_fraction_id", ["sessions", "export", "1.5", "--out", GOOD_OUT], "geen heel getal"),
    ("export_empty_id", ["sessions", "export", "", "--out", GOOD_OUT], "geen heel getal"),
    ("export_arabic_digit_id", ["sessions", "export", "١", "--out", GOOD_OUT], "geen heel"),
    ("export_hex_id", ["sessions", "export", "0x1", "--out", GOOD_OUT], "geen heel getal"),
    ("export_exponent_id", ["sessions", "export", "1e3", "--out", GOOD_OUT], "geen heel getal"),
    ("export_unknown_id", ["sessions", "export", "999999", "--out", GOOD_OUT], "bestaat niet"),
    ("erase_huge_id", ["sessions", "erase", HUGE, "--yes"], "geen heel getal"),
    ("erase_unknown_id", ["sessions", "erase", "999999", "--yes"], "bestaat niet"),
    ("erase_without_yes", ["sessions", "erase", "1"], "--yes"),
    ("summary_huge_id", ["summary", HUGE, "--out", "{tmp}/s.pdf"], "geen heel getal"),
    ("summary_unknown_id", ["summary", "999999", "--out", "{tmp}/s.pdf"], "bestaat niet"),
    ("retention_huge", ["retention", "set", HUGE], "geen heel getal"),
    ("retention_negative", ["retention", "set", "-1"], "bewaartermijn"),
    ("retention_too_long", ["retention", "set", "36501"], "bewaartermijn"),
    ("retention_word", ["retention", "set", "twee"], "geen heel getal"),
    ("backup_keep_zero", ["backup", "keep", "0"], ""),
    ("backup_keep_huge", ["backup", "keep", HUGE], "geen heel getal"),
    ("backup_keep_word", ["backup", "keep", "tien"], "geen heel getal"),
    ("audit_limit_zero", ["audit", "list", "--limit", "0"], "kan niet"),
    ("audit_limit_huge", ["audit", "list", "--limit", HUGE], "geen heel getal"),
    ("audit_limit_word", ["audit", "list", "--limit", "alles"], "geen heel getal"),
    ("threshold_two", [*STATS, "--threshold", "2", "--out", "{tmp}/s.csv"], ""),
    ("threshold_huge", [*STATS, "--threshold", HUGE, "--out", "{tmp}/s.csv"], "geen heel"),
    # -- output files
    ("export_out_empty", ["sessions", "export", "1", "--out", ""], "bestandsnaam"),
    ("export_out_blank", ["sessions", "export", "1", "--out", "   "], "bestandsnaam"),
    ("export_out_dev_full", ["sessions", "export", "1", "--out", "/dev/full"], "geen gewoon"),
    ("export_out_dev_null", ["sessions", "export", "1", "--out", "/dev/null"], "geen gewoon"),
    ("export_out_folder", ["sessions", "export", "1", "--out", "{folder}"], "is een map"),
    ("export_out_fifo", ["sessions", "export", "1", "--out", "{fifo}"], "geen gewoon"),
    ("export_out_link", ["sessions", "export", "1", "--out", "{devfull_link}"], "geen gewoon"),
    ("export_out_no_folder", ["sessions", "export", "1", "--out", "{tmp}/nope/s.json"],
     "bestaat niet"),
    ("export_out_missing", ["sessions", "export", "1"], "ontbreekt"),
    ("summary_out_dev_full", ["summary", "1", "--out", "/dev/full"], "geen gewoon"),
    ("summary_out_folder", ["summary", "1", "--out", "{folder}"], "is een map"),
    ("summary_out_empty", ["summary", "1", "--out", ""], "bestandsnaam"),
    ("summary_bad_kind", ["summary", "1", "--kind", "poster", "--out", "{tmp}/s.pdf"],
     "kies uit"),
    ("stats_out_dev_full", [*STATS, "--out", "/dev/full"], "geen gewoon"),
    ("stats_out_folder", [*STATS, "--out", "{folder}"], "is een map"),
    ("stats_out_empty", [*STATS, "--out", ""], "bestandsnaam"),
    ("stats_out_fifo", [*STATS, "--format", "xlsx", "--out", "{fifo}"], "geen gewoon"),
    # -- other arguments
    ("stats_month_13", ["stats", "export", "--from", "2026-13", "--to", "2026-14", "--out",
                        "{tmp}/s.csv"], "maand"),
    ("stats_reversed", ["stats", "export", "--from", "2026-06", "--to", "2026-01", "--out",
                        "{tmp}/s.csv"], ""),
    ("stats_month_word", ["stats", "export", "--from", "januari", "--to", "2026-01", "--out",
                          "{tmp}/s.csv"], "maand"),
    ("stats_bad_format", [*STATS, "--format", "doc", "--out", "{tmp}/s.doc"], "kies uit"),
    ("stats_missing_to", ["stats", "export", "--from", "2026-01", "--out", "{tmp}/s.csv"],
     "ontbreekt"),
    ("languages_unknown", ["languages", "offer", "xx"], "kent de app niet"),
    ("languages_empty", ["languages", "offer", ""], ""),
    ("languages_override", ["languages", "offer", "\u202etr"], ""),
    ("no_arguments", [], "ontbreekt"),
    ("unknown_area", ["bogus"], "kies uit"),
    ("unknown_action", ["sessions", "shred"], "kies uit"),
    ("missing_action", ["sessions"], "ontbreekt"),
    ("unknown_option", ["sessions", "list", "--all"], "kent intake-admin niet"),
    ("option_without_value", ["--user"], "waarde nodig"),
    ("option_after_action", ["sessions", "list", "--user", "x"], "kent intake-admin niet"),
    ("bad_db_scheme", ["--db", "nonsense://x", "sessions", "list"], "niet ondersteund"),
    # -- bytes that are not UTF-8 (they arrive as lone surrogates)
    ("db_not_utf8", ["--db", "sqlite:////nonexistent-\udcff/x.db", "sessions", "list"],
     "bestaat niet"),
    ("language_not_utf8", ["languages", "offer", "\udcff"], "kent de app niet"),
    ("import_name_not_utf8", ["sessions", "import", "{tmp}/\udcff.json"], "bestaat niet"),
    ("export_name_not_utf8", ["sessions", "export", "1", "--out", "{tmp}/nope-\udcff/x.json"],
     "bestaat niet"),
    ("import_missing_argument", ["sessions", "import"], "ontbreekt"),
    ("import_empty_name", ["sessions", "import", ""], "bestandsnaam"),
    # -- special files given to read
    ("import_dev_zero", ["sessions", "import", "/dev/zero"], "geen gewoon bestand"),
    ("import_dev_null", ["sessions", "import", "/dev/null"], "geen gewoon bestand"),
    ("import_fifo", ["sessions", "import", "{fifo}"], "geen gewoon bestand"),
    ("import_folder", ["sessions", "import", "{folder}"], "is een map"),
    ("import_missing", ["sessions", "import", "{tmp}/missing.json"], "bestaat niet"),
    ("import_zero_link", ["sessions", "import", "{devzero_link}"], "geen gewoon bestand"),
    ("import_too_big", ["sessions", "import", "{big}"], "te groot"),
    ("import_existing_code", ["sessions", "import", "{example}"], "staat al"),
    # -- statistics files from elsewhere
    ("merge_one_file", ["stats", "merge", "{csv}", "--out", "{tmp}/m.csv"], "twee bestanden"),
    ("merge_long_field", ["stats", "merge", "{csv_long}", "{csv}", "--out", "{tmp}/m.csv"],
     "te lang"),
    ("merge_dev_zero", ["stats", "merge", "/dev/zero", "{csv}", "--out", "{tmp}/m.csv"],
     "geen gewoon bestand"),
    ("merge_fifo", ["stats", "merge", "{fifo}", "{csv}", "--out", "{tmp}/m.csv"],
     "geen gewoon bestand"),
    ("merge_folder", ["stats", "merge", "{folder}", "{csv}", "--out", "{tmp}/m.csv"], "map"),
    ("merge_missing", ["stats", "merge", "{tmp}/nope.csv", "{csv}", "--out", "{tmp}/m.csv"],
     "bestaat niet"),
    ("merge_bad_header", ["stats", "merge", "{csv_header}", "{csv}", "--out", "{tmp}/m.csv"],
     "kopregel"),
    ("merge_binary", ["stats", "merge", "{csv_binary}", "{csv}", "--out", "{tmp}/m.csv"], ""),
    ("merge_nul", ["stats", "merge", "{csv_nul}", "{csv}", "--out", "{tmp}/m.csv"], ""),
    ("merge_utf16", ["stats", "merge", "{csv_utf16}", "{csv}", "--out", "{tmp}/m.csv"], "UTF-8"),
    ("merge_short_rows", ["stats", "merge", "{csv_short}", "{csv}", "--out", "{tmp}/m.csv"],
     "kolommen"),
    ("merge_bad_count", ["stats", "merge", "{csv_count}", "{csv}", "--out", "{tmp}/m.csv"],
     "onbekende waarde"),
    ("merge_out_dev_full", ["stats", "merge", "{csv}", "{csv}", "--out", "/dev/full"],
     "geen gewoon"),
    ("merge_out_empty", ["stats", "merge", "{csv}", "{csv}", "--out", ""], "bestandsnaam"),
]  # fmt: skip

# Keys-file cases: (name, content of <db>.keys.json or a special kind, expected fragment).
# Every one runs ``--user beheer --password-file PW sessions list`` on its own copy of an
# encrypted data folder; the folder's bytes must be the same afterwards.
KEYS_CASES: list[tuple[str, object, str]] = [
    ("keys_empty", b"", "sleutelbestand"),
    ("keys_empty_object", b"{}", "sleutelbestand"),
    ("keys_format_2", b'{"format": 2, "users": {}}', "sleutelbestand"),
    ("keys_format_true", b'{"format": true, "users": {}}', "sleutelbestand"),
    ("keys_users_list", b'{"format": 1, "users": []}', "sleutelbestand"),
    ("keys_entry_string", b'{"format": 1, "users": {"beheer": "x"}}', "sleutelbestand"),
    ("keys_no_salt", {"drop": "salt"}, "beschadigd"),
    ("keys_salt_not_base64", {"set": ("salt", "!!!")}, "beschadigd"),
    ("keys_nonce_short", {"set": ("nonce", "AAAA")}, "beschadigd"),
    ("keys_wrapped_short", {"set": ("wrapped", "AAAA")}, "beschadigd"),
    ("keys_memory_huge", {"kdf": ("memory_cost", 2**40)}, "beschadigd"),
    ("keys_time_zero", {"kdf": ("time_cost", 0)}, "beschadigd"),
    ("keys_parallelism_text", {"kdf": ("parallelism", "2")}, "beschadigd"),
    ("keys_failures_negative", {"set": ("failures", -1)}, "beschadigd"),
    ("keys_failures_text", {"set": ("failures", "veel")}, "beschadigd"),
    ("keys_locked_garbage", {"set": ("locked_until", "morgen")}, "beschadigd"),
    ("keys_locked_naive", {"set": ("locked_until", "2099-01-01T00:00:00")}, "beschadigd"),
    ("keys_binary", bytes(range(256)) * 4, "sleutelbestand"),
    ("keys_deep", b"[" * 100_000 + b"]" * 100_000, "sleutelbestand"),
    ("keys_too_big", b" " * (2 * 1024 * 1024) + b"{}", "sleutelbestand"),
    ("keys_folder", "folder", "sleutelbestand"),
    ("keys_fifo", "fifo", "sleutelbestand"),
    ("keys_zero_link", "devzero_link", "sleutelbestand"),
]

# Password arguments against a sound encrypted folder (the keys file is never touched).
PASSWORD_CASES: list[tuple[str, list[str], str]] = [
    ("password_file_world_readable", ["--password-file", "{pw_loose}"], "chmod 600"),
    ("password_file_fifo", ["--password-file", "{fifo}"], "geen gewoon bestand"),
    ("password_file_dev_zero", ["--password-file", "/dev/zero"], "geen gewoon bestand"),
    ("password_file_folder", ["--password-file", "{folder}"], "map"),
    ("password_file_missing", ["--password-file", "{tmp}/nope"], "wachtwoordbestand"),
    ("password_file_empty", ["--password-file", "{pw_empty}"], "leeg"),
    ("password_file_not_text", ["--password-file", "{pw_binary}"], "geen tekst"),
    ("password_file_empty_name", ["--password-file", ""], "bestandsnaam"),
    ("no_password_at_all", [], "--password-file"),
]
USER_CASES: list[tuple[str, list[str], str]] = [
    ("user_missing", ["sessions", "list"], "--user"),
    ("user_empty", ["--user", "", "--password-file", "{pw}", "sessions", "list"], "naam"),
    (
        "user_not_utf8",
        ["--user", "be\udcffheer", "--password-file", "{pw}", "sessions", "list"],
        "ongeldig teken",
    ),
    (
        "user_too_long",
        ["--user", "x" * 500, "--password-file", "{pw}", "sessions", "list"],
        "te lang",
    ),
]
