"""Resources (django-import-export) that check each row like a form, head their
columns with the fields' Dutch labels, and read Dutch numbers and dates.

Rows are matched on natural keys (slugs, CBS codes), never on database ids, so a
spreadsheet exported here can be edited and imported into another installation.
"""

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ValidationError,
)
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import override
from import_export import resources
from import_export.widgets import ManyToManyWidget, Widget

from .widgets import (
    DutchDateWidget,
    DutchDecimalWidget,
    DutchIntegerWidget,
    StrictManyToManyWidget,
)


class JoinedExportMixin:
    """Joins what an export shows, so it runs a fixed number of queries."""

    export_select_related: tuple[str, ...] = ()
    export_prefetch_related: tuple[str, ...] = ()

    def filter_export(self, queryset, **kwargs):
        queryset = super().filter_export(queryset, **kwargs)
        if self.export_select_related:
            queryset = queryset.select_related(*self.export_select_related)
        return queryset.prefetch_related(*self.export_prefetch_related)


# DUTCH COLUMN HEADERS
# ------------------------------------------------------------------------------


def header_label(model, key: str, attribute: str | None):
    """A column's label: the verbose name of the model field it is named after, or
    of the field named `key` along its attribute path (``room__facility__slug``)."""
    try:
        return model._meta.get_field(key).verbose_name
    except (FieldDoesNotExist, AttributeError):
        pass
    labels = []
    current = model
    for name in (attribute or "").split("__"):
        try:
            field = current._meta.get_field(name)
        except (FieldDoesNotExist, AttributeError):
            break
        labels.append((name, getattr(field, "verbose_name", None)))
        current = getattr(field, "related_model", None)
        if current is None:
            break
    named = [label for name, label in labels if name == key and label]
    if named:
        return named[0]
    return labels[0][1] if labels and labels[0][1] else key


class ValidatedResource(JoinedExportMixin, resources.ModelResource):
    """Checks each row like a form would (``full_clean``) and skips unchanged rows.

    Column headers are the fields' Dutch labels ("Naam", "Gemeente"), in the export,
    the import page and the template alike; an import also reads a column under its
    English label or its field name ("name"). `column_labels` names a column the
    model does not.
    """

    column_labels: dict = {}

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # header -> field name as the code spells it (scopes of widgets read that).
        self.column_keys: dict[str, str] = {}
        for field in self.fields.values():
            if type(field.widget) is ManyToManyWidget:
                field.widget = StrictManyToManyWidget(
                    field.widget.model, field=field.widget.field
                )
            key = field.column_name
            label = self.column_labels.get(key) or header_label(
                self._meta.model, key, field.attribute
            )
            header = capfirst(str(label))
            if header in self.column_keys:
                header = key
            field.column_name = header
            self.column_keys[header] = key

    def header_aliases(self) -> dict[str, str]:
        """Every way a column may be headed (lowercase) -> its Dutch header."""
        aliases = {}
        for header, key in self.column_keys.items():
            label = self.column_labels.get(key) or header_label(
                self._meta.model, key, self.fields_by_header()[header].attribute
            )
            for language in ("en", "nl"):
                with override(language):
                    aliases[str(label).strip().lower()] = header
            aliases[key.lower()] = header
            aliases[header.lower()] = header
        return aliases

    def fields_by_header(self) -> dict:
        return {field.column_name: field for field in self.fields.values()}

    def before_import(self, dataset, **kwargs):
        aliases = self.header_aliases()
        dataset.headers = [
            aliases.get(str(header).strip().lower(), header)
            if header is not None
            else header
            for header in dataset.headers
        ]
        super().before_import(dataset, **kwargs)

    def import_row(self, row, instance_loader, **kwargs):
        # Widgets that read a neighbouring column (ScopedForeignKeyWidget) and
        # before_import_row() name it as the code does.
        for header, key in self.column_keys.items():
            if header in row and key not in row:
                row[key] = row[header]
        return super().import_row(row, instance_loader, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Also reads the many-to-many cells, so an unknown value stops the row
        under its column before anything is saved."""
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors.update(error.error_dict)
        for field in self.get_import_fields():
            if not isinstance(field.widget, ManyToManyWidget):
                continue
            if field.column_name not in row:
                continue
            try:
                field.clean(row)
            except ValueError as error:
                errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        """Names each error's column by its header, as the file does."""
        try:
            super().validate_instance(
                instance, import_validation_errors, validate_unique
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            raise ValidationError(
                {
                    name if name == NON_FIELD_ERRORS else self.column_of(name): errors
                    for name, errors in error.error_dict.items()
                }
            ) from None

    def column_of(self, name: str) -> str:
        """The header of the column a field name or attribute belongs to."""
        for field in self.fields.values():
            if name in (field.attribute, self.column_keys.get(field.column_name)):
                return field.column_name
        label = header_label(self._meta.model, name, None)
        return capfirst(str(label))


class DutchFormatsResource(ValidatedResource):
    """Reads and writes numbers and dates in Dutch (see the widgets above)."""

    @classmethod
    def widget_from_django_field(cls, f, default=Widget):
        if isinstance(f, models.DecimalField):
            return DutchDecimalWidget
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            return DutchDateWidget
        if isinstance(f, models.IntegerField) and not f.choices:
            return DutchIntegerWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.DecimalField):
            kwargs["decimal_places"] = django_field.decimal_places
        return kwargs
