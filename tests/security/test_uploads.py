"""Uploads: size per kind, type from the content, generated names, private storage served
only after a permission check, and nothing stored when an upload is refused."""

import io
import re
import zipfile
from http import HTTPStatus

import openpyxl
import pytest
import tablib
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404
from django.test import Client

from core.uploads import (
    GeneratedName,
    UploadValidator,
    detect_type,
    safe_download_name,
    serve_private_file,
    store_upload,
    validate_upload,
)

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
CSV = b"naam;wijk;bezoekers\nBuurthuis De Kolibrie;Kruidenwijk;120\n"


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["naam", "wijk"])
    workbook.active.append(["Wijkcentrum", "Stedenwijk"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes() -> bytes:
    data = tablib.Dataset(["Wijkcentrum", "Stedenwijk"], headers=["naam", "wijk"])
    return data.export("ods")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def private_files() -> list[str]:
    root = storages["private"].location
    import os

    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files]


@pytest.mark.parametrize(
    ("name", "content", "kind", "key"),
    [
        ("advies.pdf", PDF, "attachment", "pdf"),
        ("kader.PDF", PDF, "document", "pdf"),
        ("plekken.csv", CSV, "import", "csv"),
        ("plekken.xlsx", xlsx_bytes(), "import", "xlsx"),
        ("plekken.ods", ods_bytes(), "import", "ods"),
        ("register.json", b'[{"naam": "Scouting"}]', "import", "json"),
    ],
    ids=["pdf-attachment", "pdf-document", "csv", "xlsx", "ods", "json"],
)
def test_each_kind_accepts_its_types(name, content, kind, key):
    assert validate_upload(upload(name, content), kind).key == key


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("advies.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "attachment"),
        ("advies.pdf", b"<html><script>alert(1)</script></html>", "attachment"),
        ("advies.pdf", CSV, "attachment"),
        ("advies.pdf", xlsx_bytes(), "attachment"),
        ("plekken.xlsx", b"PK\x03\x04" + b"\x00" * 100, "import"),
        ("plekken.csv", b"naam\x00\x01\x02binair", "import"),
        ("plekken.json", b"{niet: json", "import"),
        ("plekken.csv", PDF, "import"),
    ],
    ids=[
        "exe-as-pdf",
        "html-as-pdf",
        "csv-as-attachment",
        "xlsx-as-attachment",
        "broken-zip",
        "binary-csv",
        "broken-json",
        "pdf-as-import",
    ],
)
def test_the_content_decides_not_the_name(name, content, kind):
    with pytest.raises(ValidationError) as error:
        validate_upload(upload(name, content), kind)
    assert error.value.code == "wrong_type"
    assert "volgt uit de inhoud" in str(error.value.messages[0])


def test_a_name_that_lies_about_the_content_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("plekken.csv", xlsx_bytes()), "import")
    assert error.value.code == "name_mismatch"


def test_size_limit_per_kind():
    just_right = upload("groot.pdf", PDF + b"0" * (20 * 1024 * 1024 - len(PDF)))
    too_big = upload("te-groot.pdf", PDF + b"0" * (20 * 1024 * 1024 - len(PDF) + 1))
    big_import = upload("groot.csv", CSV * (10 * 1024 * 1024 // len(CSV) + 1))

    assert validate_upload(just_right, "attachment").key == "pdf"
    with pytest.raises(ValidationError) as error:
        validate_upload(too_big, "attachment")
    assert "hoogstens 20,0\xa0MB" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        validate_upload(big_import, "import")
    assert "hoogstens 10,0\xa0MB" in error.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="leeg"):
        validate_upload(upload("leeg.pdf", b""), "attachment")


def test_a_spreadsheet_that_unpacks_to_hundreds_of_megabytes_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(201):
                member.write(chunk)
    bomb = upload("bom.xlsx", buffer.getvalue())
    assert bomb.size < 1024 * 1024

    assert detect_type(bomb) is None
    with pytest.raises(ValidationError):
        validate_upload(bomb, "import")


def test_stored_names_are_generated_never_the_uploaders():
    upload_to = GeneratedName("advice")

    name = upload_to(None, "../../Geheim plan van B&W.PDF")
    other = upload_to(None, "../../Geheim plan van B&W.PDF")

    assert re.fullmatch(r"advice/\d{4}/[0-9a-f]{32}\.pdf", name)
    assert name != other
    assert upload_to(None, "script.php").endswith(".bin")


def test_a_refused_upload_stores_nothing_and_an_accepted_one_is_private(settings):
    with pytest.raises(ValidationError):
        store_upload(
            upload("advies.pdf", b"MZ" + b"\x00" * 100), "attachment", "advice"
        )
    assert private_files() == []

    name = store_upload(upload("advies.pdf", PDF), "attachment", "advice")

    assert re.fullmatch(r"advice/\d{4}/[0-9a-f]{32}\.pdf", name)
    [path] = private_files()
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert Client().get(settings.MEDIA_URL + name).status_code == HTTPStatus.NOT_FOUND


def test_a_form_with_the_validator_shows_a_dutch_error():
    class AttachmentForm(forms.Form):
        bestand = forms.FileField(validators=[UploadValidator("attachment")])

    form = AttachmentForm(files={"bestand": upload("advies.pdf", CSV)})

    assert not form.is_valid()
    assert "geen pdf" in form.errors["bestand"][0]


def test_the_model_field_validator_checks_new_uploads_only():
    validator = UploadValidator("attachment")
    field = FileField(upload_to=GeneratedName("advice"))
    stored = FieldFile(None, field, "advice/2026/bestaand.pdf")
    stored._committed = True
    validator(stored)  # already stored: not opened again

    new = FieldFile(None, field, "advies.pdf")
    new.file = upload("advies.pdf", CSV)
    new._committed = False
    with pytest.raises(ValidationError):
        validator(new)


def stored_pdf():
    name = store_upload(upload("advies.pdf", PDF), "attachment", "advice")
    field = FileField(storage=storages["private"])
    return FieldFile(None, field, name)


def test_a_private_file_is_only_served_after_the_permission_check(rf):
    fieldfile = stored_pdf()

    with pytest.raises(Http404):
        serve_private_file(rf.get("/"), fieldfile, allowed=False)

    response = serve_private_file(
        rf.get("/"), fieldfile, allowed=True, download_name="Advies over de wijken"
    )
    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="Advies over de wijken.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ('rapport"\r\nSet-Cookie: x=1', "rapport Set-Cookie x1.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("", "bestand.pdf"),
        ("Reactie wethouder – 2023", "Reactie wethouder 2023.pdf"),
    ],
)
def test_download_names_are_safe(given, expected):
    assert safe_download_name(given, ".pdf") == expected


def test_a_header_injection_in_the_download_name_goes_nowhere(rf):
    response = serve_private_file(
        rf.get("/"),
        stored_pdf(),
        allowed=True,
        download_name='x"\r\nSet-Cookie: sessionid=gestolen; a="',
    )
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert disposition.count('"') == 2
    assert "Set-Cookie" not in response.headers.keys() - {"Content-Disposition"}
