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

The package holds three topics: ``detection`` (type and limits), ``storage`` (names,
private storage, storing) and ``serving`` (downloads and the admin link).
"""

from .detection import (
    HEAD_BYTES,
    KINDS,
    MAX_UNPACKED_BYTES,
    MB,
    TYPES,
    FileType,
    Kind,
    detect_type,
    limit_rows,
    unpacked_size,
    validate_unpacked_size,
    validate_upload,
)
from .serving import (
    PRIVATE_FILE_OVERRIDES,
    PrivateFileAdminMixin,
    PrivateFileWidget,
    safe_download_name,
    serve_private_file,
)
from .storage import (
    GeneratedName,
    UploadValidator,
    move_to_private,
    private_storage,
    store_upload,
)

__all__ = [
    "HEAD_BYTES",
    "KINDS",
    "MAX_UNPACKED_BYTES",
    "MB",
    "PRIVATE_FILE_OVERRIDES",
    "TYPES",
    "FileType",
    "GeneratedName",
    "Kind",
    "PrivateFileAdminMixin",
    "PrivateFileWidget",
    "UploadValidator",
    "detect_type",
    "limit_rows",
    "move_to_private",
    "private_storage",
    "safe_download_name",
    "serve_private_file",
    "store_upload",
    "unpacked_size",
    "validate_unpacked_size",
    "validate_upload",
]
