"""Handing a private file out after a permission check: the download response and the
admin's staff-only link to it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.http import FileResponse, Http404
from django.urls import path, reverse

from .detection import TYPES, _extension


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
