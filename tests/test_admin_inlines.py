"""Every input of the admin's inlines has a name a screen reader can say.

The add page of every model with inlines is read (it holds each inline's
template row, whatever its number of extra rows), and each of their inputs,
lists and text boxes must have a <label> or an aria-label.
"""

from html.parser import HTMLParser

from django.contrib import admin
from django.urls import reverse

FIELDS = {"input", "select", "textarea"}
UNNAMED_TYPES = {"hidden", "submit", "button"}


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs = []  # attributes of each input, list and text box
        self.labelled = set()  # ids a <label for> names

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        elif tag in FIELDS and attrs.get("type") not in UNNAMED_TYPES:
            self.inputs.append(attrs)


def unlabelled_inline_fields(html, prefixes):
    """The names of the inlines' inputs (by prefix) with no label, and the prefixes found."""
    reader = _Inputs()
    reader.feed(html)
    fields = [a for a in reader.inputs if a.get("name", "").split("-")[0] in prefixes]
    missing = [
        attrs["name"]
        for attrs in fields
        if not attrs.get("aria-label") and attrs.get("id") not in reader.labelled
    ]
    return missing, {attrs["name"].split("-")[0] for attrs in fields}


def test_every_inline_field_has_a_label(client, trust_admin, rf):
    client.force_login(trust_admin)
    request = rf.get("/")
    request.user = trust_admin
    unlabelled, seen = {}, set()
    for model, model_admin in admin.site._registry.items():
        inlines = model_admin.get_inline_instances(request)
        if not inlines:
            continue
        opts = model._meta
        html = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).content
        prefixes = {inline.get_formset(request)().prefix for inline in inlines}
        missing, found = unlabelled_inline_fields(html.decode(), prefixes)
        seen |= found
        if missing:
            unlabelled[opts.label] = missing

    assert not unlabelled
    # The inlines the issue named were read: perspectives, SWOT items,
    # stakeholders, alignments and the memberships on a user.
    assert {"perspectives", "swot_items", "stakeholders", "alignments", "memberships"} <= seen
