"""The key-target review: a scorecard's measures and objectives against a key target.

Every view starts with the access check (organisations.access.scorecard_for_user), then
the form, then the write, then a redirect or a render, in that order.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cycle.record import LATEST, REPORTED
from measures.known import figures_for
from measures.models import Alignment, KeyTarget
from organisations.access import role_can_write, scorecard_for_user
from scorecard.builder.selectors import parent_objectives
from scorecard.lib.forms import AsAtForm
from scorecard.review import rules, selectors, services
from scorecard.review.forms import (
    KIND_LABELS,
    DraftMeasureForm,
    DraftObjectiveForm,
    MissingForm,
    MoveForm,
    PlaceForm,
)


def key_target_or_404(code):
    return get_object_or_404(KeyTarget, code=code, is_active=True)


def alignment_or_404(scorecard, key_target, pk, **extra):
    return get_object_or_404(Alignment, pk=pk, scorecard=scorecard, key_target=key_target, **extra)


def review_url(scorecard, key_target, anchor=""):
    url = reverse("review:detail", args=[scorecard.unit.slug, key_target.code])
    return url + (f"#{anchor}" if anchor else "")


def place_form(scorecard, key_target, data=None):
    return PlaceForm(
        data,
        scorecard=scorecard,
        key_target=key_target,
        measures=list(selectors.candidate_measures(scorecard)),
        objectives=list(selectors.candidate_objectives(scorecard)),
    )


def base_context(scorecard):
    return {
        "scorecard": scorecard,
        "unit": scorecard.unit,
        "can_edit": role_can_write(scorecard.unit.role),
    }


@require_safe
@login_required
def index(request, slug):
    scorecard = scorecard_for_user(request, slug)
    context = {
        **base_context(scorecard),
        "key_targets": selectors.key_targets_with_counts(scorecard),
    }
    return render(request, "scorecard/review/index.html", context)


def render_review(request, scorecard, key_target, form=None, **forms):
    """The four columns, with the form that failed (if any) in place of its blank one."""
    # The latest month that has ended, or the month the address asks for.
    as_at = AsAtForm(request.GET or None, today=timezone.localdate()).month()
    figures = figures_for(scorecard.unit, as_at, request.GET)
    columns = selectors.review_of(
        scorecard,
        key_target,
        as_at,
        known_at=figures.known_at,
        figures=LATEST if figures.latest else REPORTED,
    )
    context = {
        **base_context(scorecard),
        "key_target": key_target,
        "as_at": as_at,
        "figures": figures,
        "columns": columns,
        "as_reported": any(
            item.line and item.line.reported for _, _, items in columns for item in items
        ),
        "move_choices": [(kind, KIND_LABELS[kind]) for kind in rules.PLACED_KINDS],
        "form": form,  # the one that failed, for the error summary
    }
    if context["can_edit"]:
        context["place_form"] = forms.get("place_form") or place_form(scorecard, key_target)
        context["missing_form"] = forms.get("missing_form") or MissingForm(
            scorecard=scorecard, key_target=key_target
        )
    return render(request, "scorecard/review/detail.html", context)


@require_safe
@login_required
def detail(request, slug, code):
    scorecard = scorecard_for_user(request, slug)
    return render_review(request, scorecard, key_target_or_404(code))


@require_POST
@login_required
def place(request, slug, code):
    scorecard = scorecard_for_user(request, slug, write=True)
    key_target = key_target_or_404(code)
    form = place_form(scorecard, key_target, request.POST)
    if not form.is_valid():
        return render_review(request, scorecard, key_target, form, place_form=form)
    alignment = services.save_checked(form.alignment())
    item = alignment.measure or alignment.objective
    messages.success(request, f"Placed {item} under “{KIND_LABELS[alignment.kind]}”.")
    return redirect(review_url(scorecard, key_target, alignment.kind))


@require_POST
@login_required
def missing_add(request, slug, code):
    scorecard = scorecard_for_user(request, slug, write=True)
    key_target = key_target_or_404(code)
    form = MissingForm(request.POST, scorecard=scorecard, key_target=key_target)
    if not form.is_valid():
        return render_review(request, scorecard, key_target, form, missing_form=form)
    alignment = form.save()
    messages.success(request, f"Added “{alignment.description}” to what is missing.")
    return redirect(review_url(scorecard, key_target, Alignment.Kind.MISSING))


@require_POST
@login_required
def move(request, slug, code, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    key_target = key_target_or_404(code)
    alignment = alignment_or_404(scorecard, key_target, pk, kind__in=rules.PLACED_KINDS)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return render_review(request, scorecard, key_target, form)
    try:
        services.move(alignment, form.cleaned_data["kind"])
    except ValidationError as error:
        form.add_error(None, error)
        return render_review(request, scorecard, key_target, form)
    item = alignment.measure or alignment.objective
    messages.success(request, f"Moved {item} to “{KIND_LABELS[alignment.kind]}”.")
    return redirect(review_url(scorecard, key_target, alignment.kind))


@require_POST
@login_required
def remove(request, slug, code, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    key_target = key_target_or_404(code)
    alignment = alignment_or_404(scorecard, key_target, pk)
    alignment.delete()
    item = alignment.measure or alignment.objective or f"“{alignment.description}”"
    messages.success(request, f"Removed {item} from the review of {key_target.code}.")
    return redirect(review_url(scorecard, key_target, alignment.kind))


CONVERSIONS = {"objective": DraftObjectiveForm, "measure": DraftMeasureForm}


def conversion_form(what, scorecard, alignment, data=None):
    kwargs = {"scorecard": scorecard, "initial": {"title": alignment.description[:200]}}
    if what == "objective":
        kwargs["parent_objectives"] = parent_objectives(scorecard)
    return CONVERSIONS[what](data, **kwargs)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def convert(request, slug, code, pk, what):
    """Turn a missing item into a draft objective or measure that supports the target."""
    scorecard = scorecard_for_user(request, slug, write=True)
    key_target = key_target_or_404(code)
    alignment = alignment_or_404(scorecard, key_target, pk, kind=Alignment.Kind.MISSING)
    form = conversion_form(what, scorecard, alignment, request.POST or None)
    if request.method == "POST" and form.is_valid():
        alignment = services.convert_missing(alignment, form)
        item = alignment.measure or alignment.objective
        messages.success(
            request,
            f"Added the draft {what} {item} to the scorecard; it now supports "
            f"{key_target.code} in place of the missing item.",
        )
        return redirect(review_url(scorecard, key_target, Alignment.Kind.SUPPORTS))
    context = {
        **base_context(scorecard),
        "key_target": key_target,
        "alignment": alignment,
        "what": what,
        "form": form,
    }
    return render(request, "scorecard/review/convert.html", context)
