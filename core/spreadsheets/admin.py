"""Admin imports that store every row or none, and exports named as the official
reads them."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

IMPORT_REFUSED = _(
    "De import is geweigerd; er is niets opgeslagen. %(reasons)s Verbeter het "
    "bestand en lees het opnieuw in."
)


def describe_import_errors(result, limit: int = 5, *, resource=None) -> str:
    """'Regel 3, Bedrag: … ; regel 7: …' with the file's line numbers (header = 1)
    and, given the resource, each column under its header."""
    reasons = []
    for invalid in result.invalid_rows:
        line = invalid.number + 1
        for field, errors in invalid.field_specific_errors.items():
            column = resource.column_of(field) if resource is not None else field
            reasons.extend(f"regel {line}, {column}: {error}" for error in errors)
        reasons.extend(
            f"regel {line}: {error}" for error in invalid.non_field_specific_errors
        )
    for number, errors in result.row_errors():
        reasons.extend(f"regel {number + 1}: {error.error}" for error in errors)
    for error in result.base_errors:
        reasons.append(str(error.error))
    shown = "; ".join(reasons[:limit])
    if len(reasons) > limit:
        shown += f" (en nog {len(reasons) - limit})"
    return shown + "."


class DutchExportFilenameMixin:
    """Names an export after what it holds, as the official reads it:
    ``plekken-2026-12-08.xlsx`` rather than ``Facility-2026-12-08.xlsx``."""

    def get_export_filename(self, request, queryset, file_format):
        name = slugify(str(self.model._meta.verbose_name_plural))
        day = timezone.localdate().isoformat()
        return f"{name}-{day}.{file_format.get_extension()}"


class AllOrNothingImportMixin(DutchExportFilenameMixin):
    """An admin import that stores every row or none.

    The dry run already refuses a file with a bad row; the confirmed import runs
    again in one transaction and rolls back entirely when a row fails then (the
    data may have changed between preview and confirmation). Importing needs the
    right to add and to change rows; exporting, the right to view them.
    """

    def get_import_data_kwargs(self, **kwargs):
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        data_kwargs["rollback_on_validation_errors"] = True
        data_kwargs["use_transactions"] = True
        return data_kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            resource = self.get_import_resource_classes(request)[0](
                **self.get_import_resource_kwargs(request)
            )
            reasons = describe_import_errors(result, resource=resource)
            self.message_user(
                request, IMPORT_REFUSED % {"reasons": reasons}, messages.ERROR
            )
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_import",
                    current_app=self.admin_site.name,
                )
            )
        return super().process_result(result, request)

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)
