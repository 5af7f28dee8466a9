"""Validators for policy uploads."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NOT_A_PDF = _("Upload een pdf-bestand; ‘%(name)s’ is geen pdf.")


def validate_pdf(upload) -> None:
    """Accept only a file named .pdf whose content starts like a PDF (%PDF-)."""
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".pdf"):
        raise ValidationError(NOT_A_PDF, code="not_pdf", params={"name": name})
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        head = upload.read(5)
    finally:
        if position is not None:
            upload.seek(position)
    if head != b"%PDF-":
        raise ValidationError(NOT_A_PDF, code="not_pdf", params={"name": name})
