"""Template filters over measures/display.py, and the status tag's colour."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from measures import display, scores
from measures.lines import VARIATION_LABELS
from scorecard.lib import periods

register = template.Library()

STATUS_TAG_CLASSES = {
    "on_target": "nhsuk-tag--green",
    "within_tolerance": "nhsuk-tag--yellow",
    "off_target": "nhsuk-tag--red",
    "no_target": "nhsuk-tag--grey",
    "no_data": "nhsuk-tag--grey",
}

register.filter("in_units", display.in_units)
register.filter("target_text", display.target_text)
register.filter("plain_number", display.plain_number)
register.simple_tag(display.year_text, name="year_text")


@register.simple_tag
def status_tag(status):
    """A status as the design system's tag: its words, coloured by its class.

    A tag rather than an included template: the cascade shows thousands.
    """
    return format_html(
        '<strong class="nhsuk-tag {}">{}</strong>', STATUS_TAG_CLASSES[status.key], status.label
    )


# The official Making Data Count icons (static/vendor/mdc-icons, NHSRplotthedots'
# files), by the keys measures.spc gives the variation and the assurance.
MDC_ICON_FILES = {
    "common_cause": "variation/common_cause.svg",
    "improvement_high": "variation/improvement_high.svg",
    "improvement_low": "variation/improvement_low.svg",
    "concern_high": "variation/concern_high.svg",
    "concern_low": "variation/concern_low.svg",
    "neither_high": "variation/neutral_high.svg",
    "neither_low": "variation/neutral_low.svg",
    "consistent_pass": "assurance/pass.svg",
    "consistent_fail": "assurance/fail.svg",
    "inconsistent": "assurance/inconsistent.svg",
}


@register.simple_tag
def mdc_icon(key):
    """The Making Data Count icon of a variation or assurance key, as an image.

    Decorative (alt=""): its words always stand beside it. An <img> rather
    than inline SVG: each file declares ids that would clash on one page.
    """
    return format_html(
        '<img class="app-icon__image" src="{}" alt="" width="32" height="32">',
        static(f"vendor/mdc-icons/{MDC_ICON_FILES[key]}"),
    )


@register.simple_tag
def rollup_cell(rollup):
    """A roll-up's score, status tag and measures by status, as a cascade cell shows them.

    One tag rather than a score, a tag and counts: the cascade draws 1,200.
    """
    cell = format_html(
        '<span class="app-cascade__score">{}</span> {}<span class="app-cascade__counts">{}</span>',
        scores.score_text(rollup.score),
        status_tag(rollup.status),
        rollup.in_words,
    )
    if rollup.capped:
        return format_html('{}<span class="app-capped">{}</span>', cell, rollup.capped)
    return cell


@register.filter
def field_named(form, name):
    """form[name], for a field chosen in the template: {% with field=form|field_named:name %}."""
    return form[name]


@register.filter
def score_text(score):
    return scores.score_text(score)


@register.filter
def variation_label(icon):
    return VARIATION_LABELS.get(icon, "")


@register.filter
def period_name(period, measure):
    """A period as its measure names it: "Oct 2026", "Q2 2026/27", "2026/27"."""
    return periods.period_label(period, measure.frequency)


@register.filter
def keyed(mapping, key):
    """mapping[key] in a template, or None (also when there is no mapping)."""
    return mapping.get(key) if mapping else None
