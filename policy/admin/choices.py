"""Choice lists for parts of a framework, labelled with the framework they belong to."""


class FrameworkLabelledChoicesMixin:
    """Shows '<framework> – 2. Speerpunt' in selects, as part numbers recur per framework.

    The framework is joined into the choice query, so a select stays one query.
    """

    framework_labelled_fields: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and db_field.name in self.framework_labelled_fields:
            formfield.queryset = formfield.queryset.select_related("framework")
            formfield.label_from_instance = lambda part: f"{part.framework} – {part}"
        return formfield
