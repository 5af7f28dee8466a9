"""Overdue agenda items stand out; the seed's groups; framework documents are PDFs."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from advisories.seed import (
    APPLICATION_MANAGER,
    COUNCIL_CLERK,
    POLICY_OFFICER,
    load_groups,
)
from policy.models import AgendaItemStatus
from policy.validators import validate_pdf
from testdata.factories import StaffUserFactory
from testdata.otp import otp_login
from testdata.policy import AgendaItemFactory, GoalFactory

pytestmark = pytest.mark.django_db


def test_overdue_items_stand_out_and_can_be_filtered(admin_client):
    today = timezone.localdate()
    late = AgendaItemFactory(
        due_on=today - timedelta(days=5), status=AgendaItemStatus.IN_PROGRESS
    )
    done = AgendaItemFactory(due_on=today - timedelta(days=5), status="afgerond")
    future = AgendaItemFactory(due_on=today + timedelta(days=5))
    url = reverse("admin:policy_agendaitem_changelist")

    content = admin_client.get(url).content.decode()
    assert content.count("Te laat: 5 dagen over de datum") == 1

    filtered = admin_client.get(url, {"termijn": "te_laat"})
    shown = list(filtered.context["cl"].result_list)
    assert shown == [late]
    assert done not in shown and future not in shown


def test_the_seed_creates_the_three_groups_idempotently():
    assert load_groups() == 3
    load_groups()
    assert set(Group.objects.values_list("name", flat=True)) >= {
        POLICY_OFFICER,
        APPLICATION_MANAGER,
        COUNCIL_CLERK,
    }
    clerk = Group.objects.get(name=COUNCIL_CLERK)
    assert clerk.permissions.exists()
    assert not clerk.permissions.exclude(codename__startswith="view_").exists()
    officer = set(
        Group.objects.get(name=POLICY_OFFICER).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    assert ("policy", "change_goal") in officer
    assert ("neighbourhoods", "add_facility") in officer
    assert ("advisories", "add_advicerequest") in officer


def test_the_council_clerk_reads_but_cannot_change(client):
    load_groups()
    goal = GoalFactory()
    clerk = StaffUserFactory()
    clerk.groups.add(Group.objects.get(name=COUNCIL_CLERK))
    otp_login(client, clerk)
    url = reverse("admin:policy_goal_change", args=[goal.pk])

    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert 'name="_save"' not in response.content.decode()
    assert client.post(url, {"title": "Anders"}).status_code == HTTPStatus.FORBIDDEN
    goal.refresh_from_db()
    assert goal.title != "Anders"


def test_a_framework_document_must_be_a_pdf():
    validate_pdf(SimpleUploadedFile("kader.pdf", b"%PDF-1.7\n..."))
    with pytest.raises(ValidationError):
        validate_pdf(SimpleUploadedFile("kader.pdf", b"<html>niet echt</html>"))
    with pytest.raises(ValidationError):
        validate_pdf(SimpleUploadedFile("kader.docx", b"%PDF-1.7\n"))
