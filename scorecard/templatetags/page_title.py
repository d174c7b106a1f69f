"""The "Error: " that starts the title of a page showing an error: one rule
for every page, asked once, by base.html.

The NHS.UK design system starts such a title with "Error: " so that a screen
reader, which reads the title first, says straight away that what was sent was
refused. A page shows an error when a form on it has errors; a view whose
errors are not a form's (an import's rows) says so with has_errors.
"""

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet

register = template.Library()


def has_errors(value):
    """Whether `value` is a bound form or formset with errors, or a list or dict of them.

    Types are read with type(), not isinstance(): a lazy context value (the
    CSRF token, the user) would otherwise be worked out just to be looked at.
    """
    kind = type(value)
    if issubclass(kind, BaseForm):
        return value.is_bound and bool(value.errors)
    if issubclass(kind, BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
    if issubclass(kind, dict):
        return any(has_errors(item) for item in value.values())
    if issubclass(kind, list | tuple):
        return any(has_errors(item) for item in value)
    return False


def shows_errors(values):
    """Whether a page whose context holds `values` ({name: value}) shows an error."""
    return bool(values.get("has_errors")) or any(has_errors(v) for v in values.values())


@register.simple_tag(takes_context=True)
def error_prefix(context):
    return "Error: " if shows_errors(context.flatten()) else ""
