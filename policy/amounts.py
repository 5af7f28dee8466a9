"""Amounts in euro as registers and spreadsheets write them, read into a Decimal.

Municipal subsidy registers write "€ 15.000", "15.000,00", "1.234.567", "€ 2.500,-" or a
bare number; spreadsheets hand over ints and floats. Everything ends as a Decimal with
two decimals, never a float. What cannot be read unambiguously is refused with a Dutch
message that repeats what was typed.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export.widgets import DecimalWidget

CENT = Decimal("0.01")
# Dots as thousands separators only: 15.000 or 1.234.567.
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^(\d+)[.,](\d{1,2})$")
_CURRENCY = re.compile(r"(€|eur(o)?\b)", re.IGNORECASE)
# Empty cells and the dashes registers put where there is no amount.
_NOTHING = {"", "-", "–", "—", "n.v.t.", "nvt"}


class AmountError(ValueError):
    """An amount that cannot be read; the message is Dutch and shows the input."""


def _refuse(value: object) -> AmountError:
    return AmountError(
        _(
            "“%(value)s” is geen bedrag in euro. Schrijf bijvoorbeeld € 15.000, "
            "15.000,00 of 1234567,50."
        )
        % {"value": value}
    )


def parse_amount(value: object) -> Decimal | None:
    """Read an amount in euro; None for an empty cell. Raises AmountError."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _refuse(value)
    if isinstance(value, (int, Decimal)):
        amount = Decimal(value)
    elif isinstance(value, float):
        # repr() gives the shortest text that reads back as this float: 10358.0.
        amount = Decimal(repr(value))
    else:
        amount = _parse_text(str(value))
        if amount is None:
            return None
    if not amount.is_finite():
        raise _refuse(value)
    if amount < 0:
        raise AmountError(
            _("“%(value)s” is negatief; een bedrag kan niet negatief zijn.")
            % {"value": value}
        )
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP) and not isinstance(
        value, float
    ):
        raise AmountError(
            _("“%(value)s” heeft meer dan twee cijfers achter de komma.")
            % {"value": value}
        )
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _parse_text(text: str) -> Decimal | None:
    original = text
    text = _CURRENCY.sub("", text)
    # Spaces of any kind, including the non-breaking ones spreadsheets put in.
    text = re.sub(r"\s", "", text)
    if text.lower() in _NOTHING:
        return None
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    # "2.500,-" and "2.500,--": whole euros.
    text = re.sub(r",-+$", "", text)
    number = _normalise(text)
    if number is None:
        raise _refuse(original.strip())
    try:
        amount = Decimal(number)
    except InvalidOperation as error:
        raise _refuse(original.strip()) from error
    return -amount if negative else amount


def _normalise(text: str) -> str | None:
    """The digits with a dot as decimal separator, or None when ambiguous or wrong."""
    if _PLAIN.match(text):
        return text
    if _DOTTED_THOUSANDS.match(text):
        # 15.000 and 1.234.567: Dutch thousands, never 15 euro.
        return text.replace(".", "")
    if "." in text and "," in text:
        # The separator that comes last is the decimal one: 1.234,56 or 1,234.56.
        decimal_separator = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_separator == "," else ","
        whole, _sep, cents = text.rpartition(decimal_separator)
        if not re.match(rf"^\d{{1,3}}(\{thousands}\d{{3}})*$", whole):
            return None
        if not re.match(r"^\d{1,2}$", cents):
            return None
        return whole.replace(thousands, "") + "." + cents
    if _COMMA_THOUSANDS.match(text) and text.count(",") > 1:
        # 1,234,567: thousands the English way; one comma with three digits after it
        # (1,234) could be either and is refused below.
        return text.replace(",", "")
    match = _DECIMAL.match(text)
    if match:
        return f"{match.group(1)}.{match.group(2)}"
    # 10358.000 from a float written with three decimals, 15,000 …: ambiguous.
    return None


class DutchAmountWidget(DecimalWidget):
    """An import-export widget that reads Dutch amounts and writes 1234567.50."""

    def clean(self, value, row=None, **kwargs):
        return parse_amount(value)
