"""The admin's import, export and two-box selector speak Dutch when Dutch is chosen:
django-import-export's and Django's own untranslated strings are in our catalog."""

import re
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from neighbourhoods.models import Facility
from testdata.neighbourhoods import FacilityFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

ENGLISH = (
    "Import finished",
    "This importer will import",
    "This exporter will export",
    "Confirm import",
    "Below is a preview",
    "File to import",
)


def test_the_import_pages_and_their_message_are_dutch(admin_client):
    MunicipalityFactory(cbs_code="GM0034")
    url = reverse("admin:neighbourhoods_facility_import")
    page = admin_client.get(url).content.decode()
    assert "Deze import leest de volgende kolommen" in page

    text = "Slug,Naam,Soort,Gemeente\nde-kroon,De Kroon,buurthuis,GM0034\n"
    preview = admin_client.post(
        url,
        {
            "format": "0",
            "import_file": SimpleUploadedFile("plekken.csv", text.encode()),
        },
    )
    form = preview.context["confirm_form"]
    done = admin_client.post(
        reverse("admin:neighbourhoods_facility_process_import"),
        {name: form.initial.get(name, "") for name in form.fields},
        follow=True,
    )

    messages = [str(message) for message in done.context["messages"]]
    assert messages == [
        "Import klaar (plekken): 1 nieuw, 0 bijgewerkt, 0 verwijderd en 0 ongewijzigd."
    ]
    assert Facility.objects.filter(slug="de-kroon").exists()
    for html in (page, preview.content.decode(), done.content.decode()):
        assert not [english for english in ENGLISH if english in html]


def test_an_export_is_named_after_the_dutch_plural(admin_client):
    FacilityFactory()
    url = reverse("admin:neighbourhoods_facility_export")
    page = admin_client.get(url)
    assert "Deze export bevat de volgende kolommen" in page.content.decode()
    form = page.context["form"]
    csv_choice = next(
        value for value, label in form.fields["format"].choices if label == "csv"
    )
    data = {"resource": "0", "format": csv_choice}
    data.update({name: "on" for name in form.fields if name.startswith("facility")})

    response = admin_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    day = timezone.localdate().isoformat()
    assert f'filename="plekken-{day}.csv"' in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").startswith("Slug,Naam,Soort")


def test_the_two_box_selector_explains_itself_in_dutch(admin_client):
    form = admin_client.get(reverse("admin:neighbourhoods_facility_add"))
    assert 'src="/admin/jsi18n/"' in form.content.decode()

    catalog = admin_client.get(reverse("admin:jsi18n")).content.decode()

    for english in (
        'Choose %s by selecting them and then select the \\"Choose\\" arrow button.',
        'Remove %s by selecting them and then select the \\"Remove\\" arrow button.',
        "Choose all %s",
        "Remove all %s",
    ):
        translated = re.search(re.escape(f'"{english}": "') + r"([^\"]+)", catalog)
        assert translated, english
        assert not translated.group(1).startswith(("Choose", "Remove"))
    assert "Kies %s door ze te selecteren" in catalog
