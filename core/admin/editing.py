"""What every admin of an editable table shares: safe concurrent editing, history.

Each form carries the row's ``lock_version`` in a hidden field (the change form,
every inline row, every list_editable row), and each checkbox of the action list
carries it in its value ("pk:version"). When the stored row moved on since the page
was opened, the save or action is refused with a clear message naming who saved and
when; what the official typed stays on the page and nothing another official saved
is overwritten. The model's own save (core.concurrency.Versioned) repeats the check
under a row lock, so a save racing past the form check still cannot overwrite.
"""

from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.admin import TabularInline, helpers
from django.core.exceptions import PermissionDenied
from django.db import connections, router, transaction
from django.forms.models import BaseModelFormSet, modelformset_factory
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..concurrency import CONFLICT, ConcurrentEditError, last_change_note
from ..history import row_history

LOCK_FIELD = "lock_version"
STALE_ROWS = _(
    "Niet opgeslagen: iemand anders heeft intussen %(objects)s gewijzigd. Laad de "
    "lijst opnieuw; uw invoer staat hieronder nog."
)
STALE_SELECTION = _(
    "De actie is niet uitgevoerd: iemand anders heeft intussen %(objects)s "
    "gewijzigd. Bekijk de lijst opnieuw en kies dan de actie nog eens."
)
CONFLICT_ON_SAVE = _(
    "Niet opgeslagen: iemand anders sloeg tegelijk met u op. Niets is verloren van "
    "wat die ander opsloeg; voer uw wijziging opnieuw in."
)


def _may_lock(model) -> bool:
    return connections[router.db_for_write(model)].in_atomic_block


class VersionedFormMixin:
    """Refuses a form whose hidden lock_version is older than the stored row."""

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        if instance.pk is None or LOCK_FIELD not in self.fields:
            return cleaned_data
        posted = cleaned_data.get(LOCK_FIELD)
        stored = instance.stored_lock_version(lock=_may_lock(type(instance)))
        if posted is not None and stored is not None and posted != stored:
            raise forms.ValidationError(
                [
                    forms.ValidationError(CONFLICT, code="concurrent_edit"),
                    *last_change_note(instance),
                ]
            )
        return cleaned_data


class VersionedModelForm(VersionedFormMixin, forms.ModelForm):
    pass


class ChangelistRowForm(VersionedModelForm):
    """A list_editable row: each field is named after its column and its row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.widget.is_hidden:
                continue
            label = capfirst(str(field.label or name))
            field.widget.attrs["aria-label"] = f"{label}: {self.instance}"


class ConcurrentChangelistFormSet(BaseModelFormSet):
    """Names the rows that changed meanwhile above the list (list_editable)."""

    def clean(self):
        super().clean()
        stale = [
            str(form.instance)
            for form in self.forms
            if any(
                error.code == "concurrent_edit"
                for error in form.errors.as_data().get("__all__", [])
            )
        ]
        if stale:
            raise forms.ValidationError(
                STALE_ROWS % {"objects": ", ".join(stale)}, code="concurrent_edit"
            )


def _hide_lock_field(db_field, formfield):
    if db_field.name == LOCK_FIELD and formfield is not None:
        formfield.widget = forms.HiddenInput()
        formfield.required = False
    return formfield


class VersionedInlineMixin:
    """Inline rows carry their lock_version too."""

    form = VersionedModelForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if LOCK_FIELD not in fields:
            fields.append(LOCK_FIELD)
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = _hide_lock_field(
            db_field, super().formfield_for_dbfield(db_field, request, **kwargs)
        )
        # A tabular row shows no <label>, only the column heading: name each field
        # for screen readers (WCAG 1.3.1, 4.1.2).
        if (
            formfield is not None
            and not formfield.widget.is_hidden
            and isinstance(self, TabularInline)
        ):
            formfield.widget.attrs.setdefault(
                "aria-label", capfirst(str(db_field.verbose_name))
            )
        return formfield


class ConcurrentAdminMixin:
    """Optimistic locking for the change form, list_editable and actions."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or any(
            LOCK_FIELD in forms_utils_flatten(options.get("fields", ()))
            for _name, options in fieldsets
        ):
            return fieldsets
        (name, options), *rest = fieldsets
        first = (name, {**options, "fields": (*options["fields"], LOCK_FIELD)})
        return [first, *rest]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        return _hide_lock_field(db_field, formfield)

    def get_changelist_formset(self, request, **kwargs):
        defaults = {
            "formfield_callback": partial(self.formfield_for_dbfield, request=request),
            **kwargs,
        }
        return modelformset_factory(
            self.model,
            self.get_changelist_form(request),
            formset=ConcurrentChangelistFormSet,
            extra=0,
            fields=(*self.list_editable, LOCK_FIELD),
            **defaults,
        )

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", ChangelistRowForm)
        return super().get_changelist_form(request, **kwargs)

    def action_checkbox(self, obj):
        checkbox = super().action_checkbox(obj)
        version = getattr(obj, LOCK_FIELD, None)
        if version is None:
            return checkbox
        # The rendered checkbox is safe HTML; only its value is extended.
        return mark_safe(  # noqa: S308
            checkbox.replace(f'value="{obj.pk}"', f'value="{obj.pk}:{version}"', 1)
        )

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        read_versions = {}
        pks = []
        for value in selected:
            pk, separator, version = value.partition(":")
            pks.append(pk)
            if separator:
                read_versions[self.model._meta.pk.to_python(pk)] = int(version)
        if not read_versions:
            return super().response_action(request, queryset)
        post = request.POST.copy()
        post.setlist(helpers.ACTION_CHECKBOX_NAME, pks)
        request.POST = post
        with transaction.atomic(using=router.db_for_write(self.model)):
            rows = (
                self.model._base_manager.select_for_update()
                .filter(pk__in=read_versions)
                .only("pk", LOCK_FIELD)
            )
            stale = [row for row in rows if row.lock_version != read_versions[row.pk]]
            if stale:
                # Labels may join other rows; read them after the lock, unlocked.
                labels = [
                    str(row)
                    for row in self.model.objects.filter(pk__in=[r.pk for r in stale])
                ]
                self.message_user(
                    request,
                    STALE_SELECTION % {"objects": ", ".join(labels)},
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.get_full_path())
            return super().response_action(request, queryset)

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ConcurrentEditError:
            # Only a save racing past the form's check ends here; its transaction
            # was rolled back, so nothing of either save is half-written.
            self.message_user(request, CONFLICT_ON_SAVE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except ConcurrentEditError:
            self.message_user(request, CONFLICT_ON_SAVE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def forms_utils_flatten(fields) -> list[str]:
    flat: list[str] = []
    for field in fields:
        if isinstance(field, list | tuple):
            flat.extend(field)
        else:
            flat.append(field)
    return flat


class RowHistoryMixin:
    """ModelAdmin mixin: the object's "Geschiedenis" page shows every change written
    to its row (core.history), whichever path wrote it, newest first."""

    row_history_template = "core/row_history.html"

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Geschiedenis van %s") % obj,
            "subtitle": None,
            "row_history": row_history(obj),
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "object": obj,
            "opts": self.opts,
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.row_history_template, context)
