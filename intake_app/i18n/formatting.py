"""``Formatter(locale)``: every number, amount and date the client sees goes through Babel.

Qt's own locale would use other digits for Arabic than the printed PDF; Babel keeps the
screen and the paper in agreement.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

from intake_app.i18n.languages import language


class Formatter:
    def __init__(self, code: str) -> None:
        self.locale = Locale.parse(language(code).babel_locale)
        # Lists show the same few hundred days thousands of times (Nazorg at 50,000 sessions:
        # 3,500 lines); Babel takes about 35 µs a date, so each day is formatted once.
        self._dates: dict[date, str] = {}

    def money(self, cents: int) -> str:
        return format_currency(Decimal(cents) / 100, "EUR", locale=self.locale)

    def number(self, value: int | Decimal) -> str:
        return format_decimal(value, locale=self.locale)

    def date(self, value: date) -> str:
        text = self._dates.get(value)
        if text is None:
            text = self._dates[value] = format_date(value, format="long", locale=self.locale)
        return text

    def datetime(self, value: datetime) -> str:
        # Stored in UTC; shown in the local time of the machine the counsellor uses.
        local = value.astimezone() if value.tzinfo else value
        return format_datetime(local, format="short", locale=self.locale)
