"""Spreadsheet import in the admin: preview first, all rows or none, Dutch formats."""

from datetime import date
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from advisories.seed import COUNCIL_CLERK, load_groups
from core.spreadsheets import parse_dutch_date, parse_dutch_decimal
from policy.models import Goal, GoalStatus, Indicator, Measurement
from testdata.factories import StaffUserFactory
from testdata.otp import otp_login
from testdata.policy import (
    GoalFactory,
    IndicatorFactory,
    PolicyFrameworkFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db

CSV = "0"  # the first import format: csv, xlsx, tsv, ods, json, html


def import_url(model, view: str = "import") -> str:
    return reverse(f"admin:policy_{model._meta.model_name}_{view}")


def upload(client, model, text: str):
    """Step one: the dry run with its preview."""
    return client.post(
        import_url(model),
        {
            "format": CSV,
            "import_file": SimpleUploadedFile(
                "bestand.csv", text.encode(), content_type="text/csv"
            ),
        },
    )


def confirm(client, model, preview):
    """Step two: confirm what the preview showed."""
    form = preview.context["confirm_form"]
    return client.post(
        import_url(model, "process_import"),
        {name: form.initial.get(name, "") for name in form.fields},
        follow=True,
    )


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        ("1.234,56", 2, Decimal("1234.56")),
        ("1234,56", 2, Decimal("1234.56")),
        ("€ 12.500", 2, Decimal("12500")),
        ("1.250.000", 2, Decimal("1250000")),
        ("85.5", 2, Decimal("85.5")),
        ("52.156", 6, Decimal("52.156")),
        (85, 2, Decimal("85")),
        ("", 2, None),
    ],
)
def test_dutch_numbers_are_read(text, places, expected):
    assert parse_dutch_decimal(text, decimal_places=places) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26-02-2021", date(2021, 2, 26)),
        ("26/02/2021", date(2021, 2, 26)),
        ("2021-02-26", date(2021, 2, 26)),
        ("", None),
    ],
)
def test_dutch_dates_are_read(text, expected):
    assert parse_dutch_date(text) == expected


def test_the_preview_shows_new_changed_and_unchanged_rows_and_changes_nothing(
    admin_client,
):
    framework = PolicyFrameworkFactory(slug="welzijn-amersfoort")
    same = GoalFactory(
        framework=framework, number=1, title="Ontmoeten", text="A", due_on=None
    )
    changed = GoalFactory(framework=framework, number=2, title="Meedoen", text="B")
    text = (
        "framework,number,title,text,track,horizon,due_on,status\n"
        f"welzijn-amersfoort,1,Ontmoeten,A,,{same.horizon},,{same.status}\n"
        f"welzijn-amersfoort,2,Meedoen in de wijk,B,,{changed.horizon},"
        "31-12-2011,op_koers\n"
        "welzijn-amersfoort,3,Kloppend hart,C,,lang,01-03-2012,niet_gestart\n"
    )

    preview = upload(admin_client, Goal, text)

    assert preview.status_code == HTTPStatus.OK
    kinds = [row.import_type for row in preview.context["result"].valid_rows()]
    assert kinds == ["skip", "update", "new"]
    assert "confirm_form" in preview.context
    assert Goal.objects.count() == 2
    assert Goal.objects.get(pk=changed.pk).title == "Meedoen"

    confirm(admin_client, Goal, preview)

    assert Goal.objects.count() == 3
    changed.refresh_from_db()
    assert changed.title == "Meedoen in de wijk"
    assert changed.due_on == date(2011, 12, 31)
    assert changed.status == GoalStatus.ON_TRACK


def test_dutch_numbers_and_dates_in_a_file_are_accepted(admin_client):
    indicator = IndicatorFactory(
        goal__framework__slug="welzijn-almere",
        goal__number=4,
        name="Vrijwilligers",
        unit="aantal",
    )
    text = (
        "framework,goal,indicator,measured_on,value,source,note\n"
        "welzijn-almere,4,Vrijwilligers,26-02-2021,1.234,Monitor,\n"
        'welzijn-almere,4,Vrijwilligers,01-03-2022,"1.250,50",Monitor,\n'
    )

    preview = upload(admin_client, Measurement, text)
    confirm(admin_client, Measurement, preview)

    assert list(
        indicator.measurements.order_by("measured_on").values_list(
            "measured_on", "value"
        )
    ) == [
        (date(2021, 2, 26), Decimal("1234.00")),
        (date(2022, 3, 1), Decimal("1250.50")),
    ]


def test_one_bad_row_refuses_the_whole_file_naming_its_line(admin_client):
    IndicatorFactory(
        goal__framework__slug="welzijn-almere", goal__number=4, name="Vrijwilligers"
    )
    text = (
        "framework,goal,indicator,measured_on,value,source,note\n"
        'welzijn-almere,4,Vrijwilligers,26-02-2021,"1.234,00",Monitor,\n'
        "welzijn-almere,4,Vrijwilligers,26-02-2022,veel,Monitor,\n"
        "welzijn-almere,4,Vrijwilligers,31-02-2023,12,Monitor,\n"
    )

    preview = upload(admin_client, Measurement, text)

    content = preview.content.decode()
    assert "confirm_form" not in preview.context
    assert "De import is geweigerd: er is niets opgeslagen." in content
    assert "Regel 3, Waarde: " in content
    assert escape("‘veel’ is geen getal") in content
    assert "Regel 4: " + escape("‘31-02-2023’ is geen datum") in content
    assert Measurement.objects.count() == 0


def test_a_row_that_fails_on_confirmation_rolls_back_the_rows_before_it(
    admin_client,
):
    framework = PolicyFrameworkFactory(slug="welzijn-almere")
    track = TrackFactory(framework=framework, number=1)
    text = (
        "framework,number,title,text,track,horizon,due_on,status\n"
        "welzijn-almere,1,Ontmoeten,A,,kort,,niet_gestart\n"
        "welzijn-almere,2,Meedoen,B,1,kort,,niet_gestart\n"
    )
    preview = upload(admin_client, Goal, text)
    assert "confirm_form" in preview.context
    # Between preview and confirmation someone removes the track row 2 names.
    track.delete()

    response = confirm(admin_client, Goal, preview)

    assert Goal.objects.count() == 0
    message = " ".join(str(m) for m in response.context["messages"])
    assert "De import is geweigerd; er is niets opgeslagen." in message
    assert "regel 3" in message


def test_the_council_clerk_may_export_but_not_import(client):
    load_groups()
    clerk = StaffUserFactory()
    clerk.groups.add(Group.objects.get(name=COUNCIL_CLERK))
    otp_login(client, clerk)

    assert client.get(import_url(Indicator)).status_code == HTTPStatus.FORBIDDEN
    export = client.get(import_url(Indicator, "export"))
    assert export.status_code == HTTPStatus.OK
