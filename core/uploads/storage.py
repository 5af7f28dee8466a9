"""Where uploads go: generated names, the private storage, and storing only what passed
validation.
"""

from __future__ import annotations

import uuid

from django.core.files.storage import Storage, storages
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject

from .detection import KINDS, TYPES, _extension, validate_upload


# The path is the package's, so a migration names ``core.uploads.UploadValidator``
# whichever module inside the package holds the class.
@deconstructible(path="core.uploads.UploadValidator")
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


@deconstructible(path="core.uploads.GeneratedName")
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
