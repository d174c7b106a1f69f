"""The admin's tabular inlines with every input named for assistive technology."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst


class LabelledInlineFormSet(BaseInlineFormSet):
    """An inline formset whose inputs each carry their field's label.

    A tabular inline shows a field's label once, as its column's heading, and
    gives the inputs below no label of their own: a screen reader announces
    each as a nameless box or list. Fields are added last by add_fields (the
    delete box among them), so that is where each gets its label, as aria-label.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            widget = field.widget
            # The admin wraps a related field's list (to add the edit and add
            # links), and the wrapper's attrs are not the copy it renders.
            while hasattr(widget, "widget"):
                widget = widget.widget
            if not widget.is_hidden:
                widget.attrs.setdefault("aria-label", capfirst(field.label or name))


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledInlineFormSet
