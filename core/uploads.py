"""Safe uploads for every app: size per kind, type from the content, generated names,
private storage served only after a permission check.

Use in a model::

    from core.uploads import GeneratedName, UploadValidator, private_storage

    file = models.FileField(
        upload_to=GeneratedName("advice"),
        storage=private_storage,
        validators=[UploadValidator("attachment")],
    )

or in a form's ``clean_<field>``: ``validate_upload(upload, "import")``. A form that fails
validation stores nothing; ``store_upload`` validates before it writes. Serve a stored
private file from a view that has checked permission with ``serve_private_file``.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

import magic
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.db import models
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.functional import LazyObject
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


@deconstructible
class UploadValidator:
    """A field validator: ``validators=[UploadValidator("attachment")]``."""

    def __init__(self, kind: str):
        if kind not in KINDS:
            raise ValueError(f"Unknown upload kind {kind!r}")
        self.kind = kind

    def __call__(self, value):
        # On a model field the value is a FieldFile: check only a new, unsaved upload.
        if hasattr(value, "_committed"):
            if value._committed:
                return
            value = value.file
        validate_upload(value, self.kind)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and other.kind == self.kind


@deconstructible
class GeneratedName:
    """``upload_to`` that never uses the uploader's name: ``<prefix>/<year>/<random><ext>``."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = _extension(filename)
        known = {ext for t in TYPES.values() for ext in t.extensions}
        if extension not in known:
            extension = ".bin"
        return f"{self.prefix}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.prefix == self.prefix


class _PrivateStorage(LazyObject):
    """``storages["private"]``, looked up on every use.

    A model field evaluates its storage callable once, at import; this proxy lets the
    field follow a later change of ``STORAGES`` (``override_settings`` in the tests).
    """

    @property
    def _wrapped(self):
        return storages["private"]

    @_wrapped.setter
    def _wrapped(self, value):
        pass

    def _setup(self):
        pass


_PRIVATE = _PrivateStorage()


def private_storage() -> Storage:
    """Storage outside MEDIA_ROOT; nothing in it has a public URL (settings STORAGES).

    Use it as ``storage=private_storage`` on a FileField.
    """
    return _PRIVATE


def move_to_private(model, field_name: str, prefix: str) -> int:
    """Move files of ``model.<field_name>`` from public media into private storage under
    a generated name (for data migrations); returns how many were moved."""
    public = storages["default"]
    private = private_storage()
    moved = 0
    for obj in model._default_manager.exclude(**{field_name: ""}).iterator():
        name = getattr(obj, field_name).name
        if not public.exists(name):
            continue
        new_name = GeneratedName(prefix)(None, name)
        with public.open(name, "rb") as source:
            new_name = private.save(new_name, source)
        model._default_manager.filter(pk=obj.pk).update(**{field_name: new_name})
        public.delete(name)
        moved += 1
    return moved


def store_upload(file, kind: str, prefix: str, storage: Storage | None = None) -> str:
    """Validate, then save under a generated name; returns the stored name.

    Nothing is written when validation fails.
    """
    detected = validate_upload(file, kind)
    storage = storage or private_storage()
    name = GeneratedName(prefix)(None, f"x{detected.extension}")
    file.seek(0)
    return storage.save(name, file)


def safe_download_name(name: str, extension: str) -> str:
    """A file name for Content-Disposition: no paths, quotes or control characters."""
    stem = PurePath(str(name).replace("\\", "/")).stem
    stem = unicodedata.normalize("NFKC", stem)
    stem = re.sub(r"[^\w\s.()-]", "", stem, flags=re.UNICODE)
    stem = re.sub(r"\s+", " ", stem).strip(" .")[:100] or "bestand"
    return f"{stem}{extension}"


def serve_private_file(
    request, fieldfile, *, allowed: bool, download_name: str = "", inline: bool = False
) -> FileResponse:
    """Send a stored private file after the caller's permission check.

    ``allowed`` is the outcome of that check; when False (or there is no file) the answer
    is 404, so a visitor cannot learn whether the file exists.
    """
    if not allowed or not fieldfile or not fieldfile.name:
        raise Http404
    extension = _extension(fieldfile.name)
    file_type = next((t for t in TYPES.values() if extension in t.extensions), None)
    mime = file_type.mime if file_type else "application/octet-stream"
    storage = fieldfile.storage
    if not storage.exists(fieldfile.name):
        raise Http404
    response = FileResponse(
        storage.open(fieldfile.name, "rb"),
        as_attachment=not inline,
        filename=safe_download_name(download_name or "bestand", extension),
        content_type=mime,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Even opened in the browser, a document cannot run scripts or reach the portal.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# THE ADMIN
# ------------------------------------------------------------------------------


class PrivateFileWidget(AdminFileWidget):
    """The admin's file input, linking to the staff download view, never to a URL of
    the storage."""

    def is_initial(self, value):
        # A stored file (FieldFile), not a new upload redisplayed after an error.
        return bool(
            value
            and getattr(value, "name", "")
            and getattr(value, "instance", None) is not None
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = _StaffLink(value)
        return context


class _StaffLink:
    """What the file widget's template shows: the stored name and the staff URL."""

    def __init__(self, fieldfile):
        self.name = fieldfile.name
        instance = fieldfile.instance
        opts = instance._meta
        self.url = (
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_private_file",
                args=[instance.pk, fieldfile.field.name],
            )
            if instance.pk
            else ""
        )

    def __str__(self):
        return self.name

    def __bool__(self):
        return bool(self.name)


class PrivateFileAdminMixin:
    """For a ModelAdmin (and its inlines' models' admins) with private file fields.

    Adds ``<pk>/bestand/<field>/`` to the admin: the file, for staff who may view the
    object, behind the admin's login and second factor. File inputs of the admin link
    there (``PrivateFileWidget``).
    """

    private_file_fields: tuple[str, ...] = ("file",)

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "<int:pk>/bestand/<str:field>/",
                self.admin_site.admin_view(self.private_file_view),
                name=f"{opts.app_label}_{opts.model_name}_private_file",
            ),
            *super().get_urls(),
        ]

    def private_file_view(self, request, pk, field):
        if field not in self.private_file_fields:
            raise Http404
        obj = self.get_object(request, str(pk))
        allowed = obj is not None and self.has_view_or_change_permission(request, obj)
        if not allowed:
            raise Http404
        return serve_private_file(
            request, getattr(obj, field), allowed=True, download_name=str(obj)
        )


PRIVATE_FILE_OVERRIDES = {models.FileField: {"widget": PrivateFileWidget}}
