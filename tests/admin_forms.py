"""Turn an admin change page into the POST a browser would send back."""

from django.forms import MultiWidget


def _add_field(data, bound_field):
    value = bound_field.value()
    if value is None or value is False:
        return  # An empty field or an unticked box sends nothing.
    widget = bound_field.field.widget
    if isinstance(widget, MultiWidget):
        # A split date and time is sent as two fields, name_0 and name_1.
        for index, part in enumerate(widget.decompress(value)):
            if part is not None:
                data[f"{bound_field.html_name}_{index}"] = str(part)
        return
    if value is True:
        value = "on"
    if isinstance(value, list | tuple):
        value = [str(item) for item in value]
    data[bound_field.html_name] = value


def change_form_data(response):
    """Every field of the admin form and its inlines, as the page shows them."""
    data = {}
    for bound_field in response.context["adminform"].form:
        _add_field(data, bound_field)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound_field in formset.management_form:
            data[bound_field.html_name] = bound_field.value()
        for form in formset.initial_forms:
            for bound_field in form:
                _add_field(data, bound_field)
        data[formset.management_form["TOTAL_FORMS"].html_name] = len(formset.initial_forms)
    return data
