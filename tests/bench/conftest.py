"""Small scales of the benchmark data for tests: same shape, a few rows each."""

import pytest

from bench.generate import Scale

TINY = Scale(
    name="tiny",
    municipalities=1,
    neighbourhoods=3,
    organisations=6,
    facilities=8,
    rooms=12,
    activities=20,
    bookings=40,
    advices=4,
    recommendations=10,
    grants=10,
)
# Three times as many of everything, and more per parent: the queries must not grow.
SMALL = Scale(
    name="small",
    municipalities=3,
    neighbourhoods=9,
    organisations=30,
    facilities=60,
    rooms=150,
    activities=300,
    bookings=600,
    advices=15,
    recommendations=60,
    grants=60,
)


@pytest.fixture
def quiet():
    """A log function that keeps the generator's lines instead of printing them."""
    lines: list[str] = []
    return lines.append
