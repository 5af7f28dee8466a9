"""The register import takes its uploads as every import does: the type from the
content, 10 MB, a limit on the unpacked size and on the rows, and a pending file in
private storage for a day at most."""

import io
import os
import time
import zipfile
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from neighbourhoods.models import Municipality
from policy.models import Grant
from policy.subsidies.pending import PENDING_FOLDER
from policy.subsidies.registers import RegisterFileError, read_register

pytestmark = pytest.mark.django_db

URL = "admin:policy_grant_register_import"
REGISTER = (
    "Ontvanger;Doel;Regeling;Jaar;Aangevraagd;Verleend\n"
    "De Schoor;Ouderensoos;Bewonersinitiatieven;2024;€ 5.000;4.000\n"
).encode()


@pytest.fixture
def almere():
    return Municipality.objects.create(cbs_code="GM0034", name="Almere", slug="almere")


def upload(admin_client, almere, name: str, data: bytes):
    return admin_client.post(
        reverse(URL),
        {"bestand": SimpleUploadedFile(name, data), "gemeente": almere.pk},
    )


def form_errors(response) -> str:
    return " ".join(response.context["form"].errors.get("bestand", []))


def files_under(root) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()]


def zip_bomb_xlsx(unpacked_mb: int) -> bytes:
    """An XLSX whose one sheet is rows of the same cells: megabytes that zip to little."""
    row = b'<row><c t="inlineStr"><is><t>De Schoor</t></is></c><c><v>4000</v></c></row>'
    chunk = row * (1024 * 1024 // len(row))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b"<worksheet><sheetData>")
            for _megabyte in range(unpacked_mb):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def test_an_exe_named_csv_is_refused_by_its_content(admin_client, almere, settings):
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(range(256))

    response = upload(admin_client, almere, "register.csv", program)

    assert response.status_code == HTTPStatus.OK
    assert "Het soort bestand volgt uit de inhoud" in form_errors(response)
    assert "plan" not in response.context
    assert files_under(settings.MEDIA_ROOT) == []
    assert files_under(settings.STORAGES["private"]["OPTIONS"]["location"]) == []


def test_the_reader_too_takes_the_type_from_the_content():
    with pytest.raises(RegisterFileError, match="geen van drieën"):
        read_register(b"MZ\x90\x00\x03\x00" + bytes(range(32)), "register.csv")

    # A CSV named .xlsx is read as the CSV it is.
    table = read_register(REGISTER, "register.xlsx")
    assert table.headers[0] == "Ontvanger"


def test_an_upload_over_10_mb_is_refused(admin_client, almere):
    line = b"De Schoor;Ouderensoos;Bewonersinitiatieven;2024;5000;4000\n"
    big = REGISTER + line * (11 * 1024 * 1024 // len(line))

    response = upload(admin_client, almere, "register.csv", big)

    assert "Het bestand is 11,0\xa0MB; het mag hoogstens 10,0\xa0MB zijn." in (
        form_errors(response)
    )


def test_an_xlsx_that_unpacks_to_276_mb_is_refused_before_it_is_read(
    admin_client, almere
):
    bomb = zip_bomb_xlsx(276)
    assert len(bomb) < 2 * 1024 * 1024

    started = time.perf_counter()
    response = upload(admin_client, almere, "register.xlsx", bomb)
    seconds = time.perf_counter() - started

    assert response.status_code == HTTPStatus.OK
    errors = form_errors(response)
    assert "Uitgepakt is dit bestand 276,0\xa0MB" in errors
    assert "hoogstens 50,0\xa0MB" in errors
    assert not Grant.objects.exists()
    print(f"276 MB-unpacked XLSX ({len(bomb):,} bytes): answered in {seconds:.2f} s")


def test_a_file_with_more_rows_than_an_import_may_have_is_refused(admin_client, almere):
    line = b"De Schoor;Ouderensoos;Bewonersinitiatieven;2024;5000;4000\n"

    response = upload(admin_client, almere, "register.csv", REGISTER + line * 10_000)

    assert "Het bestand heeft meer dan 10.000 regels" in form_errors(response)
    assert "plan" not in response.context


def test_the_row_limit_stops_reading_a_spreadsheet_of_many_small_rows():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Ontvanger", "Regeling", "Jaar", "Verleend"])
    for number in range(10_050):
        sheet.append([f"Vereniging {number}", "Welzijn", 2024, 100])
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(RegisterFileError, match="meer dan 10.000 regels"):
        read_register(buffer.getvalue(), "register.xlsx", row_limit="import")
    # Without a limit (the command line) the same file is read whole.
    assert len(read_register(buffer.getvalue(), "register.xlsx").rows) == 10_050


def test_a_previewed_file_waits_in_private_storage_not_in_media(
    admin_client, almere, settings
):
    response = upload(admin_client, almere, "register.csv", REGISTER)

    assert response.context["confirm_form"] is not None
    assert files_under(settings.MEDIA_ROOT) == []
    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    [pending] = files_under(private / PENDING_FOLDER)
    assert pending.read_bytes() == REGISTER


def _age(path: Path, hours: float) -> None:
    moment = time.time() - hours * 3600
    os.utime(path, (moment, moment))


def test_an_unconfirmed_file_is_removed_after_a_day(admin_client, almere, settings):
    old = upload(admin_client, almere, "register.csv", REGISTER)
    upload(admin_client, almere, "register.csv", REGISTER)
    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    first, second = sorted(files_under(private / PENDING_FOLDER), key=os.path.getmtime)
    _age(first, 25)
    _age(second, 23)

    out = io.StringIO()
    call_command("purge_pending_imports", stdout=out)

    assert "1 onbevestigde imports verwijderd." in out.getvalue()
    assert files_under(private / PENDING_FOLDER) == [second]
    confirm = old.context["confirm_form"]
    data = {name: confirm[name].value() or "" for name in confirm.fields}
    data["bevestigen"] = "1"
    response = admin_client.post(reverse(URL), data, follow=True)
    assert "De import is verlopen; kies het bestand opnieuw." in (
        response.content.decode()
    )
    assert not Grant.objects.exists()


def test_a_confirmation_after_a_day_finds_the_import_expired(
    admin_client, almere, settings
):
    response = upload(admin_client, almere, "register.csv", REGISTER)
    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    [pending] = files_under(private / PENDING_FOLDER)
    _age(pending, 25)
    confirm = response.context["confirm_form"]
    data = {name: confirm[name].value() or "" for name in confirm.fields}
    data["bevestigen"] = "1"

    response = admin_client.post(reverse(URL), data, follow=True)

    assert "De import is verlopen; kies het bestand opnieuw." in (
        response.content.decode()
    )
    assert not Grant.objects.exists()
    assert files_under(private / PENDING_FOLDER) == []
