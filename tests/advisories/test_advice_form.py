"""The advice form: drafts on the server, numbered parts, errors that keep the text."""

import uuid
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from advisories.models import Advice, AdviceKind, AdviceStatus
from testdata.advisories import PDF, AdviceFactory
from tests.advisories.conftest import advice_form_data

pytestmark = pytest.mark.django_db

CREATE = reverse("advisories:portal-advice-create")
THREE = (
    "De ASD adviseert de buurthuizen open te houden.",
    "De ASD adviseert bewoners te betrekken bij de uitvoering.",
    "De ASD adviseert de exploitatie apart te financieren.",
)


def edit_url(advice):
    return reverse("advisories:portal-advice-edit", args=[advice.pk])


def test_member_starts_an_advice_from_a_request_with_three_recommendations(
    client, member, advice_request
):
    client.force_login(member)
    page = client.get(CREATE, {"aanvraag": advice_request.pk})
    assert page.status_code == HTTPStatus.OK
    assert advice_request.subject in page.content.decode()

    response = client.post(
        f"{CREATE}?aanvraag={advice_request.pk}",
        advice_form_data(
            recommendations=THREE,
            sections=[("Inleiding", "De ASD dankt het college.")],
            questions=["Hoe meet de gemeente het effect?"],
            creation_key=uuid.uuid4(),
        ),
    )

    advice = Advice.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == edit_url(advice)
    assert advice.kind == AdviceKind.REQUESTED
    assert advice.request == advice_request
    assert advice.author == member
    assert advice.status == AdviceStatus.DRAFT
    assert list(advice.recommendations.values_list("number", "text")) == [
        (1, THREE[0]),
        (2, THREE[1]),
        (3, THREE[2]),
    ]
    assert advice.sections.get().heading == "Inleiding"
    assert advice.questions.count() == 1


def test_without_a_request_the_advice_is_unsolicited(client, member):
    client.force_login(member)

    client.post(
        CREATE, advice_form_data(recommendations=THREE[:1], creation_key=uuid.uuid4())
    )

    advice = Advice.objects.get()
    assert advice.kind == AdviceKind.UNSOLICITED
    assert advice.request is None


def test_posting_the_new_advice_form_twice_creates_one_advice(client, member):
    client.force_login(member)
    data = advice_form_data(recommendations=THREE, creation_key=uuid.uuid4())

    first = client.post(CREATE, data)
    replay = client.post(CREATE, data)

    assert Advice.objects.count() == 1
    assert first["Location"] == replay["Location"]


def test_a_form_error_keeps_everything_typed(client, member):
    client.force_login(member)

    response = client.post(
        CREATE,
        advice_form_data(
            title="",
            recommendations=["Een aanbeveling die niet verloren mag gaan."],
            sections=[("Kop die blijft", "Tekst die blijft.")],
            creation_key=uuid.uuid4(),
        ),
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Controleer het formulier" in html
    assert "Dit veld is verplicht." in html
    assert "Een aanbeveling die niet verloren mag gaan." in html
    assert "Kop die blijft" in html
    assert Advice.objects.count() == 0


def test_recommendations_are_reordered_and_removed_without_javascript(
    client, council, member
):
    advice = AdviceFactory(council=council, author=member, unsolicited=True)
    client.force_login(member)
    data = advice_form_data(recommendations=THREE)
    # Third first, second removed.
    data["aanbeveling-2-ORDER"] = "0"
    data["aanbeveling-1-DELETE"] = "on"

    client.post(edit_url(advice), data)

    assert list(advice.recommendations.values_list("number", "text")) == [
        (1, THREE[2]),
        (2, THREE[0]),
    ]


def test_the_draft_survives_logging_out_and_in_again(client, member):
    client.force_login(member)
    client.post(
        CREATE, advice_form_data(recommendations=THREE, creation_key=uuid.uuid4())
    )
    advice = Advice.objects.get()

    client.post(reverse("advisories:portal-logout"))
    assert client.get(edit_url(advice)).status_code == HTTPStatus.FOUND
    client.force_login(member)
    page = client.get(edit_url(advice)).content.decode()

    for text in THREE:
        assert text in page
    dashboard = client.get(reverse("advisories:portal-dashboard")).content.decode()
    assert advice.title in dashboard


def test_autosave_answers_in_json_and_switches_to_the_edit_address(client, member):
    client.force_login(member)

    response = client.post(
        CREATE,
        advice_form_data(recommendations=THREE[:1], creation_key=uuid.uuid4()),
        headers={"X-Autosave": "1"},
    )

    advice = Advice.objects.get()
    assert response.json()["saved"] is True
    assert response.json()["edit_url"] == edit_url(advice)
    assert response.json()["message"].startswith("Concept opgeslagen om")


def test_autosave_of_an_invalid_form_stores_nothing_and_says_why(client, member):
    client.force_login(member)

    response = client.post(
        CREATE,
        advice_form_data(title="", creation_key=uuid.uuid4()),
        headers={"X-Autosave": "1"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {
        "saved": False,
        "errors": ["Titel: Dit veld is verplicht."],
    }
    assert Advice.objects.count() == 0


def test_a_pdf_is_attached_and_anything_else_refused(client, member):
    client.force_login(member)
    client.post(
        CREATE, advice_form_data(recommendations=THREE, creation_key=uuid.uuid4())
    )
    advice = Advice.objects.get()

    refused = client.post(
        edit_url(advice),
        advice_form_data(
            recommendations=THREE,
            attachment_title="Geen pdf",
            attachment_file=SimpleUploadedFile("notulen.pdf", b"MZ\x90\x00 not a pdf"),
        ),
    )
    client.post(
        edit_url(advice),
        advice_form_data(
            recommendations=THREE,
            attachment_title="Onderbouwing",
            attachment_file=SimpleUploadedFile(
                "onderbouwing.pdf", PDF, content_type="application/pdf"
            ),
        ),
    )

    assert "Dit bestand is geen pdf." in refused.content.decode()
    attachment = advice.attachments.get()
    assert attachment.title == "Onderbouwing"
    assert attachment.uploaded_by == member
    download = client.get(
        reverse("advisories:portal-attachment", args=[advice.pk, attachment.pk])
    )
    assert b"".join(download.streaming_content) == PDF
