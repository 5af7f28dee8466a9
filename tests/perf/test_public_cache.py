"""Anonymous public pages reuse what they rendered until the data changes."""

from http import HTTPStatus

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advisories.services import advice_index
from testdata.advisories import AdviceFactory
from testdata.neighbourhoods import (
    FacilityFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
)

pytestmark = pytest.mark.django_db


def test_home_second_anonymous_request_runs_no_query(client, django_assert_num_queries):
    NeighbourhoodFactory(name="Vathorst")
    AdviceFactory(sent=True, title="Advies over buurthuizen")
    first = client.get("/")
    assert "Vathorst" in first.content.decode()
    assert "Advies over buurthuizen" in first.content.decode()

    with django_assert_num_queries(0):
        second = client.get("/")

    assert second.content.decode().count("Vathorst") == 1
    assert "Advies over buurthuizen" in second.content.decode()


def test_home_shows_a_renamed_neighbourhood_at_once(client):
    wijk = NeighbourhoodFactory(name="Vathorst")
    client.get("/")

    wijk.name = "Vathorst-Noord"
    wijk.save()

    assert "Vathorst-Noord" in client.get("/").content.decode()


def test_a_browser_that_takes_gzip_reads_only_the_compressed_entry(
    client, rf, django_assert_num_queries
):
    from django.core.cache import cache
    from django.utils import translation

    from core.public_pages import _page_key

    FacilityFactory(name="Buurthuis De Schakel")
    client.get("/plekken/")  # rendered and stored, in both variants
    with translation.override("nl"):
        key = _page_key(rf.get("/plekken/"))
    cache.delete(f"{key}:plain")

    with django_assert_num_queries(0):
        compressed = client.get("/plekken/", headers={"accept-encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"

    # Without its own entry the plain page is rendered again.
    with CaptureQueriesContext(connection) as queries:
        plain = client.get("/plekken/")
    assert len(queries) > 0
    assert "Buurthuis De Schakel" in plain.content.decode()


def test_home_drops_a_deleted_municipality(client):
    MunicipalityFactory(name="Eemmeer")
    assert "Eemmeer" in client.get("/").content.decode()

    from neighbourhoods.models import Municipality

    Municipality.objects.get(name="Eemmeer").delete()

    assert "Eemmeer" not in client.get("/").content.decode()


def test_cached_home_still_gives_each_visitor_a_working_language_form(client):
    # The switch needs no token (tests/security/test_public_pages_cookies.py).
    # A page from the cache works for a visitor who never had a cookie.
    NeighbourhoodFactory()
    client.get("/")  # fills the cache
    other = client.__class__(enforce_csrf_checks=True)

    page = other.get("/")
    assert 'action="/i18n/setlang/"' in page.content.decode()
    switched = other.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert switched.status_code == HTTPStatus.FOUND
    assert other.get("/")["Content-Language"] == "en"


def test_home_fragment_is_kept_per_language(client):
    NeighbourhoodFactory()
    client.get("/")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    english = client.get("/").content.decode()

    assert "Latest advice" in english or "advice" in english.lower()
    assert "Laatste adviezen van de adviesraad" not in english


def test_neighbourhood_list_second_request_runs_no_query(
    client, django_assert_num_queries
):
    NeighbourhoodFactory(name="De Werven")
    client.get(reverse("neighbourhoods:neighbourhood-list"))

    with django_assert_num_queries(0):
        page = client.get(reverse("neighbourhoods:neighbourhood-list"))

    assert "De Werven" in page.content.decode()


def test_neighbourhood_page_second_request_skips_the_social_map_queries(client):
    place = FacilityFactory(name="Buurthuis De Schakel", heart=True)
    url = place.neighbourhood.get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        client.get(url)

    with CaptureQueriesContext(connection) as second:
        page = client.get(url)

    assert "Buurthuis De Schakel" in page.content.decode()
    # Places, hearts, organisations, activities and teams come from the cache; the
    # wijk itself, and what changes by the minute (room occupancy, the social
    # agenda of other template tags), are still read.
    assert len(second) <= len(first) - 5


def test_neighbourhood_page_shows_a_new_place_at_once(client):
    wijk = NeighbourhoodFactory()
    client.get(wijk.get_absolute_url())

    FacilityFactory(
        name="Buurtkamer Het Wiel", municipality=wijk.municipality, neighbourhood=wijk
    )

    assert "Buurtkamer Het Wiel" in client.get(wijk.get_absolute_url()).content.decode()


def test_place_page_second_request_reads_only_the_live_occupancy(
    client, django_assert_num_queries
):
    place = FacilityFactory(name="Buurthuis De Schakel")
    with time_machine.travel("2026-11-25 10:00:05 +01:00", tick=False) as traveller:
        client.get(place.get_absolute_url())
        # A minute later the live page is rendered again: the place and its
        # prefetches (9 queries uncached) come from the cache; the rooms' occupancy
        # right now is read live.
        traveller.shift(60)
        with django_assert_num_queries(1):
            page = client.get(place.get_absolute_url())

    assert "Buurthuis De Schakel" in page.content.decode()


def test_place_page_shows_a_change_at_once(client):
    place = FacilityFactory(name="Buurthuis De Schakel")
    client.get(place.get_absolute_url())

    place.name = "Buurthuis De Brug"
    place.save()

    assert "Buurthuis De Brug" in client.get(place.get_absolute_url()).content.decode()


def test_unknown_place_is_not_cached_as_found(client):
    assert client.get("/plekken/bestaat-niet/").status_code == HTTPStatus.NOT_FOUND
    FacilityFactory(slug="bestaat-niet")

    assert client.get("/plekken/bestaat-niet/").status_code == HTTPStatus.OK


OPEN_DATA = "/open-data/plekken.csv"


def test_open_data_conditional_get_is_answered_without_rendering(
    client, django_assert_num_queries
):
    FacilityFactory(name="Buurthuis De Schakel")
    first = client.get(OPEN_DATA)
    assert first.status_code == HTTPStatus.OK
    etag = first["ETag"]

    with django_assert_num_queries(0):
        again = client.get(OPEN_DATA, headers={"if-none-match": etag})

    assert again.status_code == HTTPStatus.NOT_MODIFIED


def test_open_data_repeated_download_is_served_from_the_cache(
    client, django_assert_num_queries
):
    FacilityFactory(name="Buurthuis De Schakel")
    first = client.get(OPEN_DATA)

    with django_assert_num_queries(0):
        second = client.get(OPEN_DATA)

    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_open_data_changes_its_etag_when_a_place_changes(client):
    place = FacilityFactory(name="Buurthuis De Schakel")
    etag = client.get(OPEN_DATA)["ETag"]

    place.name = "Buurthuis De Brug"
    place.save()
    changed = client.get(OPEN_DATA, headers={"if-none-match": etag})

    assert changed.status_code == HTTPStatus.OK
    assert changed["ETag"] != etag
    assert "Buurthuis De Brug" in changed.content.decode()


# Whole pages: core.public_pages.public_page.


@pytest.fixture
def public_urls():
    place = FacilityFactory(name="Buurthuis De Schakel", heart=True)
    advice = AdviceFactory(sent=True, title="Advies over buurthuizen")
    advice_index(advice=advice)  # a search that finds nothing is not stored
    return [
        "/",
        place.neighbourhood.get_absolute_url(),
        "/plekken/",
        f"/plekken/?gemeente={place.municipality.slug}&nu_open=1",
        place.get_absolute_url(),
        "/activiteiten/",
        "/zoeken/?q=schakel",
        "/adviezen/?q=buurthuizen",
        advice.get_absolute_url(),
        "/subsidies/",
        "/subsidies/begroting/",
    ]


def test_every_public_page_is_served_again_without_a_query(
    client, public_urls, django_assert_num_queries
):
    for url in public_urls:
        first = client.get(url)
        assert first.status_code == HTTPStatus.OK, url
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.content == first.content, url
        # The middleware still adds its headers to a page from the cache.
        assert "Content-Security-Policy" in again, url


def test_each_address_and_query_has_its_own_page(client):
    FacilityFactory(name="Buurthuis De Schakel")
    FacilityFactory(name="Wijkcentrum De Brug")

    schakel = client.get("/zoeken/?q=schakel").content.decode()
    brug = client.get("/zoeken/?q=brug").content.decode()

    assert "Buurthuis De Schakel" in schakel and "De Brug" not in schakel
    assert "Wijkcentrum De Brug" in brug and "De Schakel" not in brug


def test_a_visitor_with_a_session_gets_a_page_of_their_own(client, django_user_model):
    FacilityFactory(name="Buurthuis De Schakel")
    client.get("/plekken/")  # an anonymous copy in the cache
    member = django_user_model.objects.create_user("lid", password="x")
    logged_in = client.__class__()
    logged_in.force_login(member)

    with CaptureQueriesContext(connection) as queries:
        page = logged_in.get("/plekken/")

    assert page.status_code == HTTPStatus.OK
    assert len(queries) > 0  # rendered for them, not the shared copy


def test_a_live_page_is_renewed_every_minute_others_every_day(client):
    place = FacilityFactory(name="Buurthuis De Schakel")
    with time_machine.travel("2026-11-25 10:00:05 +01:00", tick=False) as traveller:
        client.get(place.get_absolute_url())
        client.get("/adviezen/")
        traveller.shift(60)
        with CaptureQueriesContext(connection) as live:
            client.get(place.get_absolute_url())
        with CaptureQueriesContext(connection) as daily:
            client.get("/adviezen/")

    assert len(live) > 0  # "open now" is worked out again
    assert len(daily) == 0


def test_a_changed_advice_shows_at_once_in_the_archive(client):
    advice = AdviceFactory(sent=True, title="Advies over buurthuizen")
    client.get("/adviezen/")

    advice.title = "Advies over wijkcentra"
    advice.save()

    assert "Advies over wijkcentra" in client.get("/adviezen/").content.decode()


def test_a_page_from_the_cache_is_sent_compressed_to_who_accepts_gzip(client):
    import gzip

    FacilityFactory(name="Buurthuis De Schakel")
    first = client.get("/plekken/", headers={"accept-encoding": "gzip"})
    assert not first.has_header("Content-Encoding")  # rendered now, sent as is

    compressed = client.get("/plekken/", headers={"accept-encoding": "gzip, br"})
    plain = client.get("/plekken/")

    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content == first.content
    assert len(compressed.content) * 3 < len(plain.content)
    assert not plain.has_header("Content-Encoding")
    for response in (first, compressed, plain):
        assert "Accept-Encoding" in response["Vary"]


@pytest.fixture
def council_at_work():
    """A council with a chair and a member who has a draft in the portal."""
    from advisories.models import MemberRole
    from testdata.advisories import AdvisoryCouncilFactory, MembershipFactory

    council = AdvisoryCouncilFactory()
    member = MembershipFactory(council=council).user
    chair = MembershipFactory(council=council, role=MemberRole.CHAIR).user
    return council, member, chair


def content(title: str):
    from advisories.services import AdviceContent

    return AdviceContent(
        title=title,
        addressee="college",
        summary="Samenvatting.",
        sections=[("Aanleiding", "Waarom dit advies.")],
        recommendations=["Ondersteun mantelzorgers.", "Betrek de wijk."],
        questions=["Wanneer hoort de raad meer?"],
    )


def test_the_councils_work_in_the_portal_keeps_the_public_pages_cached(
    client, council_at_work, django_assert_num_queries
):
    import uuid

    from advisories import services
    from testdata.advisories import MembershipFactory

    council, member, chair = council_at_work
    FacilityFactory(name="Buurthuis De Schakel")
    client.get("/plekken/")
    client.get("/adviezen/")

    advice, _ = services.advice_create(
        council=council,
        author=member,
        content=content("Eerste opzet"),
        creation_key=uuid.uuid4(),
    )
    advice = services.advice_save_draft(
        advice=advice, by=member, content=content("Tweede opzet")
    )
    advice = services.advice_submit(advice=advice, by=member)
    services.advice_comment(advice=advice, by=chair, body="Graag korter.")
    advice = services.advice_return_to_author(advice=advice, by=chair)
    MembershipFactory(council=council)
    advice.delete()

    with django_assert_num_queries(0):
        client.get("/plekken/")
        client.get("/adviezen/")


def test_sending_an_advice_and_changing_it_after_show_at_once(client, council_at_work):
    import uuid

    from advisories import services
    from advisories.models import AdviceSection, AdviceStatus

    council, member, chair = council_at_work
    advice, _ = services.advice_create(
        council=council,
        author=member,
        content=content("Advies over wijkcentra"),
        creation_key=uuid.uuid4(),
    )
    services.advice_submit(advice=advice, by=member)
    services.advice_adopt(advice=advice, by=chair)
    assert "Advies over wijkcentra" not in client.get("/adviezen/").content.decode()

    advice = services.advice_send(advice=advice, by=chair)
    assert "Advies over wijkcentra" in client.get("/adviezen/").content.decode()

    section = AdviceSection.objects.get(advice=advice)
    section.body = "Een nieuwe aanleiding."
    section.save()
    detail = client.get(advice.get_absolute_url()).content.decode()
    assert "Een nieuwe aanleiding." in detail

    # The admin can still take a sent advice back: it leaves the archive at once.
    advice.status = AdviceStatus.ADOPTED
    advice.sent_on = None
    advice.save()
    assert "Advies over wijkcentra" not in client.get("/adviezen/").content.decode()


def test_saving_a_draft_asks_nothing_per_part_whether_it_is_public(council_at_work):
    """A draft's parts are deleted and written anew on every save; whether each is
    shown publicly is read from the draft they belong to, not from the database."""
    import uuid

    from advisories import services
    from advisories.services import AdviceContent

    council, member, _chair = council_at_work

    def parts(n: int) -> AdviceContent:
        return AdviceContent(
            title="Opzet",
            addressee="college",
            sections=[("Kop", "Tekst.")] * n,
            recommendations=["Aanbeveling."] * n,
            questions=["Vraag?"] * n,
        )

    advice, _ = services.advice_create(
        council=council, author=member, content=parts(2), creation_key=uuid.uuid4()
    )
    reads_of_advice = {}
    for n in (2, 8):
        services.advice_save_draft(advice=advice, by=member, content=parts(n))
        with CaptureQueriesContext(connection) as queries:
            services.advice_save_draft(advice=advice, by=member, content=parts(n))
        reads_of_advice[n] = sum(
            'FROM "advisories_advice"' in query["sql"]
            for query in queries.captured_queries
        )

    assert reads_of_advice[8] == reads_of_advice[2]


def test_no_views_module_caches_by_hand():
    """Public pages and files are cached one way (core.public_pages): no view keeps
    its own keys in the cache."""
    from pathlib import Path

    from django.conf import settings

    base = Path(settings.BASE_DIR)
    modules = [
        path
        for app in ("neighbourhoods", "policy", "advisories", "core")
        for path in (base / app).rglob("*.py")
        if "views" in path.parts or path.name == "views.py"
    ]
    assert modules
    for path in modules:
        source = path.read_text()
        assert "cache.get(" not in source and "cache.set(" not in source, path


def test_templates_keep_fragments_through_the_public_page_cache():
    """A part of a page is kept by {% public_fragment %} (core.public_pages), never by
    Django's {% cache %} with keys of its own."""
    from pathlib import Path

    from django.conf import settings

    templates = list((Path(settings.BASE_DIR) / "templates").rglob("*.html"))
    assert templates
    for path in templates:
        assert "{% cache " not in path.read_text(), path
    assert any("{% public_fragment " in path.read_text() for path in templates)
