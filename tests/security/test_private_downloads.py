"""Advice attachments, request documents and framework documents live in private
storage under generated names; every way to download them checks permission first."""

import os
import re
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from advisories.models import AdviceAttachment, AdviceRequestDocument
from core.uploads import UploadValidator, move_to_private, private_storage
from policy.models import FrameworkVersion
from testdata.advisories import (
    PDF,
    AdviceAttachmentFactory,
    AdviceFactory,
    AdviceRequestDocumentFactory,
    MembershipFactory,
)
from testdata.factories import UserFactory
from testdata.otp import otp_login
from testdata.policy import FrameworkVersionFactory

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200

pytestmark = pytest.mark.django_db


def files_under(root) -> list[str]:
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files]


def private_files() -> list[str]:
    return files_under(storages["private"].location)


def pdf(name="Geheim concept van B&W.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


FIELDS = [
    (AdviceAttachment, "file", "advice"),
    (AdviceRequestDocument, "file", "requests"),
    (FrameworkVersion, "document", "frameworks"),
]


@pytest.mark.parametrize(("model", "field_name", "prefix"), FIELDS)
def test_the_file_fields_are_private_generated_and_checked(model, field_name, prefix):
    field = model._meta.get_field(field_name)

    assert field.storage is private_storage()
    assert field.deconstruct()[3]["storage"] is private_storage
    assert UploadValidator(field.validators[0].kind) in field.validators
    assert field.validators[0].kind in {"attachment", "document"}
    assert re.fullmatch(
        rf"{prefix}/\d{{4}}/[0-9a-f]{{32}}\.pdf",
        field.generate_filename(None, "../Geheim concept.pdf"),
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: AdviceAttachmentFactory().file,
        lambda: AdviceRequestDocumentFactory().file,
        lambda: FrameworkVersionFactory(document=pdf()).document,
    ],
    ids=["attachment", "request-document", "framework-document"],
)
def test_a_stored_file_is_private_and_has_no_media_url(make, settings):
    fieldfile = make()

    [path] = private_files()
    # The test's own private folder (tests/conftest.py), reached by the model field.
    assert path.startswith(settings.STORAGES["private"]["OPTIONS"]["location"])
    assert files_under(settings.MEDIA_ROOT) == []
    assert "Geheim" not in path and "beleidskader" not in path
    assert Client().get(settings.MEDIA_URL + fieldfile.name).status_code == 404


def test_the_field_follows_a_changed_private_location(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "elders")},
        },
    }

    attachment = AdviceAttachmentFactory()

    assert attachment.file.path.startswith(str(tmp_path / "elders"))
    assert os.path.exists(attachment.file.path)


# THE ADMIN
# ------------------------------------------------------------------------------


def test_a_refused_upload_in_the_admin_stores_nothing(admin_client, settings):
    advice = AdviceFactory()

    response = admin_client.post(
        reverse("admin:advisories_adviceattachment_add"),
        {
            "advice": advice.pk,
            "title": "Programma",
            "file": pdf("programma.pdf", EXE),
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert "geen pdf" in response.content.decode()
    assert 'value="Programma"' in response.content.decode()
    assert not AdviceAttachment.objects.exists()
    assert private_files() == []
    assert files_under(settings.MEDIA_ROOT) == []


def test_an_accepted_upload_in_the_admin_is_private_under_a_generated_name(
    admin_client,
):
    advice = AdviceFactory()

    response = admin_client.post(
        reverse("admin:advisories_adviceattachment_add"),
        {"advice": advice.pk, "title": "Programma", "file": pdf()},
    )

    assert response.status_code == HTTPStatus.FOUND
    attachment = AdviceAttachment.objects.get()
    assert re.fullmatch(r"advice/\d{4}/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert len(private_files()) == 1


@pytest.mark.parametrize(
    ("make", "field_name"),
    [
        (lambda: AdviceAttachmentFactory(), "file"),
        (lambda: AdviceRequestDocumentFactory(), "file"),
        (lambda: FrameworkVersionFactory(document=pdf()), "document"),
    ],
    ids=["attachment", "request-document", "framework-version"],
)
def test_the_admin_links_to_its_staff_download_view(admin_client, make, field_name):
    obj = make()
    opts = obj._meta
    download = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_private_file",
        args=[obj.pk, field_name],
    )

    page = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    ).content.decode()

    assert f'href="{download}"' in page
    assert "/media/" not in page and "/niet-openbaar/" not in page
    response = admin_client.get(download)
    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_inlines_link_to_the_staff_download_view_too(admin_client):
    attachment = AdviceAttachmentFactory()
    version = FrameworkVersionFactory(document=pdf())

    advice_page = admin_client.get(
        reverse("admin:advisories_advice_change", args=[attachment.advice.pk])
    ).content.decode()
    framework_page = admin_client.get(
        reverse("admin:policy_policyframework_change", args=[version.framework.pk])
    ).content.decode()

    assert (
        reverse(
            "admin:advisories_adviceattachment_private_file",
            args=[attachment.pk, "file"],
        )
        in advice_page
    )
    assert (
        reverse(
            "admin:policy_frameworkversion_private_file",
            args=[version.pk, "document"],
        )
        in framework_page
    )
    assert "/media/" not in advice_page + framework_page


def test_the_staff_download_needs_staff_the_second_factor_and_permission():
    attachment = AdviceAttachmentFactory()
    url = reverse(
        "admin:advisories_adviceattachment_private_file", args=[attachment.pk, "file"]
    )
    anonymous = Client()
    assert anonymous.get(url).status_code == HTTPStatus.FOUND

    member = MembershipFactory(council=attachment.advice.council).user
    as_member = Client()
    otp_login(as_member, member)
    response = as_member.get(url)
    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]

    staff = UserFactory(is_staff=True)
    password_only = Client()
    password_only.force_login(staff)
    assert password_only.get(url).status_code == HTTPStatus.FOUND

    as_staff = Client()
    otp_login(as_staff, staff)
    assert as_staff.get(url).status_code == HTTPStatus.NOT_FOUND

    staff.user_permissions.add(Permission.objects.get(codename="view_adviceattachment"))
    response = as_staff.get(url)
    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content) == PDF


def test_the_staff_download_serves_only_the_file_fields(admin_client):
    attachment = AdviceAttachmentFactory()

    response = admin_client.get(
        reverse(
            "admin:advisories_adviceattachment_private_file",
            args=[attachment.pk, "title"],
        )
    )

    assert response.status_code == HTTPStatus.NOT_FOUND


# THE PORTAL AND THE ARCHIVE
# ------------------------------------------------------------------------------


def test_a_draft_attachment_reaches_only_its_author():
    author = MembershipFactory().user
    advice = AdviceFactory(author=author, council=author.memberships.get().council)
    attachment = AdviceAttachmentFactory(advice=advice)
    colleague = MembershipFactory(council=advice.council).user
    outsider = MembershipFactory().user
    portal_url = reverse(
        "advisories:portal-attachment", args=[advice.pk, attachment.pk]
    )

    as_author = Client()
    as_author.force_login(author)
    response = as_author.get(portal_url)
    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content) == PDF

    for user in (colleague, outsider):
        other = Client()
        other.force_login(user)
        assert other.get(portal_url).status_code == HTTPStatus.NOT_FOUND
    assert Client().get(portal_url).status_code == HTTPStatus.FOUND
    # Not public while a draft, wherever one looks.
    public_url = reverse(
        "advisories:advice-attachment", args=[advice.slug, attachment.pk]
    )
    assert Client().get(public_url).status_code == HTTPStatus.NOT_FOUND


def test_a_sent_advice_attachment_is_public_through_the_archive():
    attachment = AdviceAttachmentFactory(advice=AdviceFactory(sent=True))

    response = Client().get(
        reverse(
            "advisories:advice-attachment",
            args=[attachment.advice.slug, attachment.pk],
        )
    )

    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_request_document_reaches_only_members_of_its_council():
    document = AdviceRequestDocumentFactory()
    member = MembershipFactory(council=document.request.council).user
    outsider = MembershipFactory().user
    url = reverse(
        "advisories:portal-request-document", args=[document.request.pk, document.pk]
    )

    as_member = Client()
    as_member.force_login(member)
    assert as_member.get(url).status_code == HTTPStatus.OK
    as_outsider = Client()
    as_outsider.force_login(outsider)
    assert as_outsider.get(url).status_code == HTTPStatus.NOT_FOUND


# FILES FROM BEFORE
# ------------------------------------------------------------------------------


def test_files_of_before_move_from_public_media_to_private_storage(settings):
    attachment = AdviceAttachmentFactory()
    old_name = "advice/2024/Geheim concept.pdf"
    storages["default"].save(old_name, ContentFile(PDF))
    AdviceAttachment.objects.filter(pk=attachment.pk).update(file=old_name)

    assert move_to_private(AdviceAttachment, "file", "advice") == 1

    attachment.refresh_from_db()
    assert re.fullmatch(r"advice/\d{4}/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert attachment.file.read() == PDF
    assert files_under(settings.MEDIA_ROOT) == []
    assert move_to_private(AdviceAttachment, "file", "advice") == 0
