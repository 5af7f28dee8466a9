"""The type of an upload read from its content, the limits per kind and the checks
that refuse a file before anything is stored.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

import magic
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

HEAD_BYTES = 8192
# A spreadsheet that unpacks to more than this is refused (zip bomb): a register of
# 10,000 rows unpacks to about 10 MB, and parsing takes seconds per 100 MB of XML.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    mime: str
    extensions: tuple[str, ...]
    matches: Callable[[bytes, object], bool]

    @property
    def extension(self) -> str:
        return self.extensions[0]


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _is_pdf(head: bytes, file) -> bool:
    if not head.startswith(b"%PDF-"):
        return False
    return magic.from_buffer(head, mime=True) == "application/pdf"


def _zip_names(file) -> list[str] | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                return None
            names = [info.filename for info in infos]
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return None
    finally:
        file.seek(0)
    return [*names, f"mimetype:{mimetype.decode('ascii', 'replace')}"]


def unpacked_size(file) -> int | None:
    """What a zip-based file (XLSX, ODS) declares it unpacks to; None for other files.

    zipfile stops at the declared size, so a member cannot unpack to more than this.
    """
    file.seek(0)
    try:
        if file.read(4) != b"PK\x03\x04":
            return None
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)


def validate_unpacked_size(file) -> None:
    size = unpacked_size(file)
    if size is not None and size > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _(
                "Uitgepakt is dit bestand %(size)s; een spreadsheet mag uitgepakt "
                "hoogstens %(limit)s zijn. Splits het bestand op of sla het op als CSV."
            ),
            code="too_large_unpacked",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(MAX_UNPACKED_BYTES),
            },
        )


def limit_rows(rows: Iterable, kind: str) -> Iterator:
    """Pass the rows of an import through, refusing the file past the kind's limit.

    Reading stops at the limit, so a file of many small rows costs no more than that.
    """
    max_rows = KINDS[kind].max_rows
    for count, row in enumerate(rows, start=1):
        if max_rows is not None and count > max_rows:
            raise ValidationError(
                _(
                    "Het bestand heeft meer dan %(limit)s regels; een import mag er "
                    "hoogstens %(limit)s hebben. Splits het bestand op."
                ),
                code="too_many_rows",
                params={"limit": number_format(max_rows, force_grouping=True)},
            )
        yield row


def _is_xlsx(head: bytes, file) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    names = _zip_names(file)
    return bool(
        names
        and "[Content_Types].xml" in names
        and any(name.startswith("xl/") for name in names)
    )


def _is_ods(head: bytes, file) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    names = _zip_names(file)
    return bool(names) and (
        "mimetype:application/vnd.oasis.opendocument.spreadsheet" in names
    )


_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(file) -> str | None:
    data = _read_all(file)
    if _CONTROL.search(data):
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _is_csv(head: bytes, file) -> bool:
    if head.startswith((b"%PDF", b"PK\x03\x04", b"{", b"[", b"<")):
        return False
    text = _text(file)
    return bool(text and text.strip())


def _is_json(head: bytes, file) -> bool:
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return False
    text = _text(file)
    if text is None:
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


TYPES: dict[str, FileType] = {
    t.key: t
    for t in [
        FileType("pdf", "pdf", "application/pdf", (".pdf",), _is_pdf),
        FileType(
            "xlsx",
            "Excel (xlsx)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
            _is_xlsx,
        ),
        FileType(
            "ods",
            "OpenDocument (ods)",
            "application/vnd.oasis.opendocument.spreadsheet",
            (".ods",),
            _is_ods,
        ),
        FileType("json", "JSON", "application/json", (".json",), _is_json),
        FileType("csv", "CSV", "text/csv", (".csv", ".txt"), _is_csv),
    ]
}

MB = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    max_bytes: int
    types: tuple[str, ...]
    # Rows (lines of a CSV, rows of a sheet, items of a JSON list) an import may have.
    max_rows: int | None = None


# What each kind of upload may be. Apps pick a kind by name.
KINDS: dict[str, Kind] = {
    # Advice attachments and documents with an advice request.
    "attachment": Kind(20 * MB, ("pdf",)),
    # Documents of a framework version.
    "document": Kind(20 * MB, ("pdf",)),
    # Spreadsheets and data files for the admin's imports.
    "import": Kind(10 * MB, ("csv", "xlsx", "ods", "json"), max_rows=10_000),
}


def detect_type(file) -> FileType | None:
    """The type of a file from its content (the name plays no part)."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if not head:
        return None
    for file_type in TYPES.values():
        if file_type.matches(head, file):
            return file_type
    return None


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower()


def validate_upload(file, kind: str) -> FileType:
    """Check an uploaded file against a kind; returns its type or raises ValidationError."""
    rules = KINDS[kind]
    allowed = [TYPES[key] for key in rules.types]
    labels = ", ".join(t.label for t in allowed)
    size = getattr(file, "size", None)
    if not size:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    if size > rules.max_bytes:
        raise ValidationError(
            _("Het bestand is %(size)s; het mag hoogstens %(limit)s zijn."),
            code="too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(rules.max_bytes),
            },
        )
    validate_unpacked_size(file)
    detected = detect_type(file)
    if detected is None or detected.key not in rules.types:
        raise ValidationError(
            _(
                "Dit bestand is geen %(allowed)s. Het soort bestand volgt uit de inhoud, "
                "niet uit de naam."
            ),
            code="wrong_type",
            params={"allowed": labels},
        )
    extension = _extension(getattr(file, "name", ""))
    if extension not in detected.extensions:
        raise ValidationError(
            _(
                "De naam van het bestand eindigt op ‘%(extension)s’, maar de inhoud is "
                "%(type)s. Geef het bestand de juiste naam."
            ),
            code="name_mismatch",
            params={"extension": extension or "…", "type": detected.label},
        )
    return detected
