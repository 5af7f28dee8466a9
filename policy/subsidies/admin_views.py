"""Admin pages for officials: import a subsidy register with a preview, and the budget
dashboard with the reporting duties that are late.

The register import works in two steps. The upload passes the checks of every import
(core/uploads/) and is read and planned without writing anything; the preview
shows per row which recipient was matched or would be created, which scheme, and
whether the grant is new, changed or unchanged. The file waits in private storage under
a random token until the official confirms, for a day at most (pending.py); then it is
read again and written in one transaction.
"""

from pathlib import Path

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..models.subsidies import euro
from . import selectors
from .forms import ConfirmImportForm, RegisterImportForm
from .pending import pending_delete, pending_purge, pending_read, pending_store
from .registers import (
    COLUMNS,
    RegisterFileError,
    RegisterImportError,
    import_register,
    plan_import,
    read_register,
)
from .views import dashboard_context

PREVIEW_ROWS = 500
# The errors in a file the error summary lists; the count names them all.
ERROR_LINES = 200


def register_import(request, model_admin) -> TemplateResponse:
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": _("Subsidieregister importeren"),
        "columns": COLUMNS,
        "preview_limit": PREVIEW_ROWS,
    }
    template = "admin/policy/subsidies/register_import.html"

    if request.method == "POST" and "bevestigen" in request.POST:
        confirm = ConfirmImportForm(request.POST)
        if not confirm.is_valid():
            messages.error(
                request, _("De import is verlopen; kies het bestand opnieuw.")
            )
            return redirect("admin:policy_grant_register_import")
        token = confirm.cleaned_data["token"]
        data = pending_read(token=token)
        if data is None:
            messages.error(
                request, _("De import is verlopen; kies het bestand opnieuw.")
            )
            return redirect("admin:policy_grant_register_import")
        try:
            table = read_register(
                data, confirm.cleaned_data["filename"], row_limit="import"
            )
            plan = import_register(
                table,
                municipality=confirm.cleaned_data["gemeente"],
                framework=confirm.cleaned_data["beleidskader"],
            )
        except (RegisterFileError, RegisterImportError) as error:
            # The database changed since the preview: show what is wrong now.
            plan = getattr(error, "plan", None)
            context.update(
                form=RegisterImportForm(
                    initial={
                        "gemeente": confirm.cleaned_data["gemeente"],
                        "beleidskader": confirm.cleaned_data["beleidskader"],
                    }
                ),
                plan=plan,
            )
            context["error_list"] = import_errors(
                context["form"], plan, None if plan else str(error)
            )
            return TemplateResponse(request, template, context)
        pending_delete(token=token)
        messages.success(
            request,
            _("Subsidieregister geïmporteerd: %(summary)s")
            % {"summary": plan.summary()},
        )
        return redirect("admin:policy_grant_changelist")

    if request.method == "POST":
        form = RegisterImportForm(request.POST, request.FILES)
        # Files of previews nobody confirmed go, also between the daily purges.
        pending_purge()
        if form.is_valid():
            upload = form.cleaned_data["bestand"]
            upload.seek(0)
            data = upload.read()
            try:
                table = read_register(data, upload.name, row_limit="import")
            except RegisterFileError as error:
                form.add_error("bestand", str(error))
            else:
                plan = plan_import(
                    table,
                    municipality=form.cleaned_data["gemeente"],
                    framework=form.cleaned_data["beleidskader"],
                )
                context["plan"] = plan
                if plan.is_valid:
                    token = pending_store(data=data)
                    context["confirm_form"] = ConfirmImportForm(
                        initial={
                            "token": token,
                            "filename": Path(upload.name).name,
                            "gemeente": form.cleaned_data["gemeente"],
                            "beleidskader": form.cleaned_data["beleidskader"],
                        }
                    )
                    context["preview_rows"] = plan.rows[:PREVIEW_ROWS]
                    context["total_granted"] = euro(plan.total_granted)
    else:
        form = RegisterImportForm()
    context["form"] = form
    context["error_list"] = import_errors(form, context.get("plan"))
    return TemplateResponse(request, template, context)


def import_errors(
    form, plan, file_error: str | None = None
) -> list[tuple[str, str, str]]:
    """The lines of the import's error summary, (field id, label, message): the form's
    own errors, or what is wrong in the file, each linking to the file field."""
    lines = [("", "", message) for message in form.non_field_errors()]
    for field in form:
        lines += [
            (field.id_for_label, field.label, message) for message in field.errors
        ]
    problems = [file_error] if file_error else []
    if plan is not None:
        problems += [str(error) for error in plan.errors[:ERROR_LINES]]
    file = form["bestand"]
    lines += [(file.id_for_label, file.label, problem) for problem in problems]
    return lines


def dashboard(request, model_admin) -> TemplateResponse:
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Begroting en subsidies"),
        **dashboard_context(
            request, page_title=_("Begroting en subsidies"), public=False
        ),
    }
    municipality = context["dashboard"].municipality if context["dashboard"] else None
    context["overdue_reports"] = list(selectors.overdue_reports(municipality)[:100])
    return TemplateResponse(request, "admin/policy/subsidies/dashboard.html", context)
