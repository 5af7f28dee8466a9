"""bench/edits.py: the officials' saves during a load test make pages out of date."""

import random

import pytest

from bench.edits import editable, save_random_row
from core import public_pages as page_cache
from neighbourhoods.models import Facility
from testdata.neighbourhoods import FacilityFactory
from testdata.policy import GrantFactory

pytestmark = pytest.mark.django_db


def test_nothing_to_edit_without_data():
    assert editable() == {}


def test_each_save_keeps_the_data_and_makes_the_cached_pages_out_of_date():
    place = FacilityFactory(name="Buurthuis De Schakel")
    GrantFactory()
    bounds = editable()
    assert Facility in bounds and len(bounds) >= 2
    chance = random.Random(1)
    places = Facility.objects.count()

    for _save in range(10):
        before = page_cache.version()
        assert save_random_row(chance, bounds)
        assert page_cache.version() > before

    place.refresh_from_db()
    assert place.name == "Buurthuis De Schakel"
    assert Facility.objects.count() == places
