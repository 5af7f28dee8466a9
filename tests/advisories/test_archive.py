"""The public archive: sent advice only, responses beside recommendations, search."""

from datetime import date
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse

from advisories import selectors
from advisories.models import Advice, AdviceStatus
from advisories.services import advice_index
from testdata.advisories import (
    AdviceFactory,
    RecommendationFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db

ARCHIVE = reverse("advisories:advice-list")


@pytest.fixture
def seeded():
    call_command("seed", stdout=StringIO())


def titles(response) -> list[str]:
    return [advice.title for advice in response.context["advices"]]


def test_archive_lists_sent_advice_and_never_a_draft(client):
    sent = AdviceFactory(sent=True, title="Verzonden advies over buurthuizen")
    AdviceFactory(title="Concept dat niemand mag zien")
    AdviceFactory(status=AdviceStatus.SUBMITTED, title="Ingediend maar niet verzonden")

    response = client.get(ARCHIVE)

    assert titles(response) == [sent.title]
    draft = Advice.objects.get(status=AdviceStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_advice_page_shows_each_recommendation_with_its_response(client):
    answered = ResponseFactory(
        partly=True, reasons="Het college neemt dit deels over in de uitvoering."
    )
    advice = answered.recommendation.advice
    RecommendationFactory(
        advice=advice, number=2, text="Tweede aanbeveling zonder reactie."
    )

    html = client.get(advice.get_absolute_url()).content.decode()

    assert answered.recommendation.text in html
    assert "Deels overgenomen" in html
    assert "Het college neemt dit deels over in de uitvoering." in html
    assert "Nog geen reactie." in html
    assert "1 van 2 aanbevelingen beantwoord" in html


def test_search_for_buurthuizen_finds_the_2021_advice_first(client, seeded):
    response = client.get(ARCHIVE, {"q": "buurthuizen"})

    found = list(response.context["advices"])
    assert found[0].slug == "2021-02-26-advies-beleidskader-welzijn-in-almere"
    assert found[0].rank > 0


def test_search_ranks_by_where_the_words_stand_and_highlights_them(client):
    in_title = AdviceFactory(sent=True, title="Advies over mantelzorgers", summary="")
    in_text = AdviceFactory(
        sent=True,
        title="Advies over de begroting",
        summary="Ook de mantelzorger verdient steun in de wijk.",
    )
    AdviceFactory(sent=True, title="Advies over sport", summary="Niets hierover.")
    for advice in Advice.objects.all():
        advice_index(advice=advice)

    response = client.get(ARCHIVE, {"q": "mantelzorger"})

    assert titles(response) == [in_title.title, in_text.title]
    assert "<mark>mantelzorger</mark>" in response.content.decode()


def test_filters_by_year_addressee_kind_and_response_status(client):
    early = AdviceFactory(sent=True, sent_on=date(2021, 2, 26), addressee="college")
    late = AdviceFactory(
        sent=True, unsolicited=True, sent_on=date(2023, 11, 3), addressee="beide"
    )
    ResponseFactory(recommendation__advice=late)
    late.status = AdviceStatus.ANSWERED
    late.save()

    assert titles(client.get(ARCHIVE, {"jaar": 2021})) == [early.title]
    assert titles(client.get(ARCHIVE, {"gericht_aan": "beide"})) == [late.title]
    assert titles(client.get(ARCHIVE, {"soort": "gevraagd"})) == [early.title]
    assert titles(client.get(ARCHIVE, {"reactie": "beantwoord"})) == [late.title]
    assert titles(client.get(ARCHIVE, {"reactie": "te-laat"})) == [early.title]


def test_summary_counts_the_verdicts_of_the_listed_advice(client):
    advice = AdviceFactory(sent=True)
    for verdict in ("overgenomen", "deels", "niet_overgenomen"):
        ResponseFactory(recommendation__advice=advice, verdict=verdict)
    RecommendationFactory(advice=advice)

    summary = client.get(ARCHIVE).context["summary"]

    assert summary == {
        "total": 4,
        "adopted": 1,
        "partly": 1,
        "not_adopted": 1,
        "unanswered": 1,
    }


def test_feed_carries_sent_advice_and_recorded_responses(client):
    response = ResponseFactory(responded_on=date(2021, 3, 30))
    advice = response.recommendation.advice

    feed = client.get(reverse("advisories:advice-feed")).content.decode()

    assert f"Advies verzonden: {advice.title}" in feed
    assert f"Reactie van de gemeente op: {advice.title}" in feed
    assert "<feed" in feed


def test_printable_view_has_the_text_without_the_site_navigation(client):
    advice = RecommendationFactory(advice__sent=True).advice

    html = client.get(reverse("advisories:advice-print", args=[advice.slug])).content
    html = html.decode()

    assert advice.title in html
    assert "Hoofdmenu" not in html


def test_names_listed_for_redaction_are_left_out_of_the_public_page(client):
    advice = AdviceFactory(
        sent=True,
        summary="Mevrouw Jansen uit de Stedenwijk vertelde ons over haar buurthuis.",
        redacted_terms="Mevrouw Jansen",
    )

    html = client.get(advice.get_absolute_url()).content.decode()

    assert "Jansen" not in html
    assert "[naam weggelaten] uit de Stedenwijk" in html


def test_latest_advice_tag_lists_recent_sent_advice():
    advice = AdviceFactory(sent=True, title="Het nieuwste advies")
    AdviceFactory(title="Een concept")

    html = Template("{% load advisories %}{% latest_advice %}").render(Context({}))

    assert "Het nieuwste advies" in html
    assert "Een concept" not in html
    assert advice.get_absolute_url() in html


def test_selectors_redact_is_case_insensitive():
    assert selectors.redact("JANSEN zei", "Jansen") == "[naam weggelaten] zei"


def test_a_result_shows_its_kind_addressee_date_answers_and_a_late_response(client):
    advice = AdviceFactory(sent=True, title="Advies over de wijkteams")
    RecommendationFactory(advice=advice)

    html = client.get(ARCHIVE).content.decode()

    assert (
        f'<a class="utrecht-link" href="{advice.get_absolute_url()}">'
        "Advies over de wijkteams</a>"
    ) in html
    assert (
        "Gevraagd · College van B en W · verzonden 26 februari 2021 · "
        "0 van 1 aanbevelingen beantwoord"
    ) in html
    assert "reactie te laat" in html
