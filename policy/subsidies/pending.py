"""Register files waiting for an official's confirmation, in private storage.

The preview of an import keeps its file under a random token until the official
confirms. Nobody but the import view reads it (private storage has no URL), and a file
nobody confirmed is removed after ``PENDING_LIFETIME``: by ``manage.py
purge_pending_imports`` (daily) and at every new upload.
"""

import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from core.uploads import private_storage

PENDING_FOLDER = "imports/subsidieregisters"
# How long an unconfirmed import waits before it is removed.
PENDING_LIFETIME = timedelta(days=1)


def _path(token: str) -> str:
    return f"{PENDING_FOLDER}/{token}"


def pending_store(*, data: bytes) -> str:
    """Keep the file of a previewed import; returns its token."""
    token = uuid.uuid4().hex
    private_storage().save(_path(token), ContentFile(data))
    return token


def pending_read(*, token: str) -> bytes | None:
    """The file behind a token, or None when it is gone or older than a day."""
    storage, path = private_storage(), _path(token)
    if not storage.exists(path):
        return None
    if storage.get_modified_time(path) < timezone.now() - PENDING_LIFETIME:
        storage.delete(path)
        return None
    with storage.open(path, "rb") as pending:
        return pending.read()


def pending_delete(*, token: str) -> None:
    private_storage().delete(_path(token))


def pending_purge(*, older_than: timedelta = PENDING_LIFETIME) -> int:
    """Remove files that waited longer than ``older_than``; returns how many."""
    storage = private_storage()
    try:
        _folders, names = storage.listdir(PENDING_FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - older_than
    removed = 0
    for name in names:
        path = f"{PENDING_FOLDER}/{name}"
        if storage.get_modified_time(path) < cutoff:
            storage.delete(path)
            removed += 1
    return removed
