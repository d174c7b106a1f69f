"""How values, targets and statuses are written on pages."""

from django import template

register = template.Library()

STATUS_TAG_CLASSES = {
    "on_target": "nhsuk-tag--green",
    "within_tolerance": "nhsuk-tag--yellow",
    "off_target": "nhsuk-tag--red",
    "no_target": "nhsuk-tag--grey",
    "no_data": "nhsuk-tag--grey",
}


@register.filter
def in_units(value, measure):
    """A value in its measure's unit and decimals: "61.2%", "4.5 days", "£1,234", "1,234 £000"."""
    if value is None or value == "":
        return "–"
    number = f"{value:,.{measure.decimals}f}"
    if measure.is_percentage:
        return f"{number}%"
    if measure.unit == "£":
        return f"£{number}"
    return f"{number} {measure.unit}".strip()


@register.filter
def target_text(target, measure):
    """The target in force in words, with its tolerance and action trigger."""
    if target is None:
        return "No target set"
    level = in_units(target.value, measure)
    if measure.direction == "higher":
        text = f"{level} or more"
    elif measure.direction == "lower":
        text = f"{level} or less"
    else:
        text = f"{level} to {in_units(target.upper_value or target.value, measure)}"
    if target.tolerance:
        text += f"; within tolerance up to {in_units(target.tolerance, measure)} short"
    if target.action_trigger is not None:
        text += f"; act past {in_units(target.action_trigger, measure)}"
    return text


@register.filter
def status_tag_class(status):
    return STATUS_TAG_CLASSES[status.key]


@register.filter
def field_named(form, name):
    """form[name], for a field chosen in the template: {% with field=form|field_named:name %}."""
    return form[name]
