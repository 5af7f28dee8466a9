"""Amounts in euro as subsidy registers write them."""

from decimal import Decimal

import pytest

from policy.amounts import AmountError, parse_amount


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("€ 15.000", Decimal("15000.00")),
        ("15.000,00", Decimal("15000.00")),
        ("1.234.567", Decimal("1234567.00")),
        ("€ 1.234.567,89", Decimal("1234567.89")),
        ("€\xa02.500,-", Decimal("2500.00")),
        ("EUR 750", Decimal("750.00")),
        ("15,5", Decimal("15.50")),
        ("10358.0", Decimal("10358.00")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("  0 ", Decimal("0.00")),
        (10358.0, Decimal("10358.00")),
        (0.0, Decimal("0.00")),
        (107480, Decimal("107480.00")),
        (Decimal("12.5"), Decimal("12.50")),
    ],
)
def test_reads_dutch_amounts(typed, expected):
    amount = parse_amount(typed)
    assert amount == expected
    assert isinstance(amount, Decimal)
    assert amount.as_tuple().exponent == -2


@pytest.mark.parametrize("typed", [None, "", "  ", "-", "€ -", "n.v.t."])
def test_empty_cells_are_no_amount(typed):
    assert parse_amount(typed) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("vijftienduizend", "is geen bedrag in euro"),
        ("1,234", "is geen bedrag in euro"),  # Dutch 1,234 or English 1.234?
        ("12.34.5", "is geen bedrag in euro"),
        ("1.2345", "is geen bedrag in euro"),
        ("-500", "negatief"),
        (Decimal("1.005"), "meer dan twee cijfers"),
        (True, "is geen bedrag"),
    ],
)
def test_refuses_what_it_cannot_read_with_a_dutch_message(typed, message):
    with pytest.raises(AmountError) as error:
        parse_amount(typed)
    assert message in str(error.value)
    if isinstance(typed, str):
        assert typed in str(error.value)
