"""The benchmark's pages measure what people would see: searches that find something."""

import pytest

from advisories.selectors import ArchiveFilters, archive_page
from bench.generate import generate
from bench.pages import SEARCH_WORDS
from core import search

from .conftest import SMALL

pytestmark = pytest.mark.django_db


def test_the_search_words_find_results_in_the_generated_data(quiet):
    generate(SMALL, seed=1, log=quiet, flush_first=True)

    outcome = search.search(SEARCH_WORDS["zoeken"])
    assert outcome.results
    assert {
        key for key, found in ((s.key, n) for s, n in outcome.sources) if found
    } >= {
        "plekken",
        "activiteiten",
    }
    page = archive_page(ArchiveFilters(q=SEARCH_WORDS["adviezen"]))
    assert page.advices
