"""Widgets of the spreadsheet import: related rows by natural key, several values in
one cell, a time range, and numbers and dates written the Dutch way."""

import difflib
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.widgets import (
    CharWidget,
    ForeignKeyWidget,
    ManyToManyWidget,
    Widget,
)


class ScopedForeignKeyWidget(ForeignKeyWidget):
    """Finds a related row by `field` inside the parent that other columns name.

    A room is only unique by name within its facility, a goal by number within its
    framework: `scope` maps lookups on the related model to the row's columns, e.g.
    ``{"facility__slug": "facility"}``.
    """

    def __init__(self, model, field: str, *, scope: dict[str, str], **kwargs):
        self.scope = scope
        super().__init__(model, field=field, **kwargs)

    def get_lookup_kwargs(self, value, row, **kwargs):
        lookup = super().get_lookup_kwargs(value, row, **kwargs)
        lookup.update({path: row.get(column) for path, column in self.scope.items()})
        return lookup


class NullableCharWidget(CharWidget):
    """Reads an empty cell as no value, for optional unique codes like a KvK number."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if text is None or not text.strip():
            return None
        return text.strip()


class DateTimeRangeWidget(Widget):
    """A time range as an ISO 8601 interval: ``2024-03-04T19:00+01:00/…T21:00+01:00``.

    Times without an offset are read in the portal's time zone (Europe/Amsterdam).
    """

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        start, _separator, end = str(value).partition("/")
        return DateTimeTZRange(self._moment(start), self._moment(end), "[)")

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        start = timezone.localtime(value.lower).isoformat(timespec="minutes")
        end = timezone.localtime(value.upper).isoformat(timespec="minutes")
        return f"{start}/{end}"

    @staticmethod
    def _moment(text: str) -> datetime:
        moment = datetime.fromisoformat(text.strip())
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


# MANY VALUES IN ONE CELL
# ------------------------------------------------------------------------------

UNKNOWN_VALUE = _("onbekende waarde ‘%(value)s’")
UNKNOWN_VALUE_MEANT = _("onbekende waarde ‘%(value)s’; bedoelt u ‘%(meant)s’?")
VALUE_SEPARATORS = re.compile(r"[;,]")


class StrictManyToManyWidget(ManyToManyWidget):
    """Several values in one cell, separated by `,` or `;`; an unknown value stops
    the import with that value named (and the value meant, where one is close),
    instead of being dropped without a word."""

    def __init__(self, model, field: str = "pk", **kwargs):
        super().__init__(model, field=field, **kwargs)
        # Clean is asked for the same cell up to three times per row (validation,
        # skip_unchanged, save): the last answer is kept so that costs one query.
        self._last: tuple[str, list] | None = None

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return []
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        if self._last is not None and self._last[0] == text:
            return list(self._last[1])
        wanted = [part.strip() for part in VALUE_SEPARATORS.split(text)]
        wanted = [part for part in wanted if part]
        found = {
            str(getattr(obj, self.field)): obj
            for obj in self.model.objects.filter(**{f"{self.field}__in": wanted})
        }
        for part in wanted:
            if part not in found:
                raise ValueError(self._unknown(part))
        objects = list(dict.fromkeys(found[part] for part in wanted))
        self._last = (text, objects)
        return list(objects)

    def _unknown(self, part: str) -> str:
        known = [
            str(value)
            for value in self.model.objects.values_list(self.field, flat=True)
        ]
        meant = difflib.get_close_matches(part, known, n=1)
        if meant:
            return UNKNOWN_VALUE_MEANT % {"value": part, "meant": meant[0]}
        return UNKNOWN_VALUE % {"value": part}


# DUTCH NUMBERS AND DATES
# ------------------------------------------------------------------------------
# Spreadsheets kept by Dutch officials write "1.234,56" and "26-02-2021". The widgets
# below read those whatever language the importing official uses, and still read
# what a program writes ("1234.56", "2021-02-26") and native spreadsheet cells.

NOT_A_NUMBER = _("‘%(value)s’ is geen getal; schrijf bijvoorbeeld 1.234,56.")
NOT_A_DATE = _("‘%(value)s’ is geen datum; schrijf bijvoorbeeld 26-02-2021.")
DUTCH_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")
_THOUSANDS_ONLY = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_dutch_decimal(value, *, decimal_places: int = 2) -> Decimal | None:
    """Read 1.234,56 / 1234,56 / 1234.56 / € 1.234 / a native number as a Decimal.

    A lone dot followed by groups of three digits ("1.234", "12.500.000") is a
    thousands separator, unless the column holds three or more decimals (a latitude
    such as 52.156).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(NOT_A_NUMBER % {"value": value})
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (_THOUSANDS_ONLY.match(text) and decimal_places < 3):
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(NOT_A_NUMBER % {"value": value}) from None


def parse_dutch_date(value) -> date | None:
    """Read 26-02-2021, 26/02/2021, 26.02.2021, 2021-02-26 or a spreadsheet date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    for format_ in DUTCH_DATE_FORMATS:
        try:
            return datetime.strptime(text, format_).date()  # noqa: DTZ007 (a day)
        except ValueError:
            continue
    raise ValueError(NOT_A_DATE % {"value": value})


class DutchDecimalWidget(Widget):
    """A decimal written the Dutch way; exported as 1234,56."""

    def __init__(self, decimal_places: int = 2, **kwargs):
        self.decimal_places = decimal_places
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        return parse_dutch_decimal(value, decimal_places=self.decimal_places)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):
            return value
        return str(value).replace(".", ",")


class DutchIntegerWidget(Widget):
    """A whole number that may carry thousands dots (1.250)."""

    def clean(self, value, row=None, **kwargs):
        number = parse_dutch_decimal(value, decimal_places=0)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise ValueError(NOT_A_NUMBER % {"value": value})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class DutchDateWidget(Widget):
    """A date as 26-02-2021; ISO dates and spreadsheet dates are read too."""

    def clean(self, value, row=None, **kwargs):
        return parse_dutch_date(value)

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        if kwargs.get("force_native_type"):
            return value
        return value.strftime("%d-%m-%Y")
