"""The POST a browser sends for an admin change form, read from the rendered form."""

from django import forms


def _add_form(data: dict, form) -> None:
    for bound in form:
        widget = bound.field.widget
        # The admin wraps select widgets (related links, autocomplete).
        while hasattr(widget, "widget"):
            widget = widget.widget
        value = bound.value()
        name = bound.html_name
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
            continue
        if isinstance(widget, forms.MultiWidget):
            parts = (
                value if isinstance(value, list | tuple) else widget.decompress(value)
            )
            for index, (part, sub) in enumerate(
                zip(parts, widget.widgets, strict=False)
            ):
                formatted = sub.format_value(part)
                data[f"{name}_{index}"] = "" if formatted is None else formatted
            continue
        if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
            continue
        formatted = widget.format_value(value)
        if formatted is None:
            continue
        data[name] = formatted


def change_form_data(response) -> dict:
    """The change form as it was opened: its fields, its inline rows (no blank ones)."""
    data: dict = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        initial_forms = formset.initial_forms
        prefix = formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = len(initial_forms)
        data[f"{prefix}-INITIAL_FORMS"] = len(initial_forms)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for form in initial_forms:
            _add_form(data, form)
    return data
