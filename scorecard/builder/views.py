"""The scorecard builder: an overview of the eight stages and a page per stage.

Every view starts with the access check (scorecard_for_user), then the form,
then the write, then a redirect or a render, in that order. The writes are
services.py's (or a ModelForm's save() where that is the whole write).
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from measures import catalogue
from measures.baseline import BASELINE_LENGTH, baseline
from measures.display import with_article
from measures.models import Direction, Measure, Target
from organisations.access import role_can_write, scorecard_for_user, unit_for_user
from scorecard.builder import measure_sheet, services, stages
from scorecard.builder.forms import (
    AdoptForm,
    FinancialYearForm,
    FoundationForm,
    ImplementationForm,
    InitiativeForm,
    MeasureForm,
    MilestoneForm,
    ObjectiveForm,
    ObjectiveLinkForm,
    StakeholderForm,
    StartScorecardForm,
    SwotItemForm,
    TargetForm,
    ThemeForm,
    TrajectoryForm,
    TrajectoryImportForm,
)
from scorecard.builder.selectors import (
    change_history,
    live_measures_with_targets,
    map_of,
    measures_with_targets,
    parent_objectives,
    recent_values,
    snapshot_of,
)
from scorecard.lib import periods
from scorecard.lib.words import count_of
from scorecard.models import (
    Initiative,
    Milestone,
    Objective,
    ObjectiveLink,
    Scorecard,
    Stakeholder,
    StrategicTheme,
    SummaryStatement,
    SwotItem,
)


def retire_or_restore(request, item, noun):
    """Retire an objective or measure (it leaves the scorecard, keeping its data) or restore it."""
    services.toggle_retired(item=item)
    verb = "Retired" if item.is_retired else "Restored"
    messages.success(request, f"{verb} the {noun} {item}.")


def stage_context(scorecard, slug):
    """What every stage page shows around its content: where it is, and the way on."""
    stage = stages.STAGE_BY_SLUG[slug]
    pages = stages.STAGES
    index = pages.index(stage)
    return {
        "scorecard": scorecard,
        "unit": scorecard.unit,
        "stage": stage,
        "can_edit": role_can_write(scorecard.unit.role),
        "previous_stage": pages[index - 1] if index > 0 else None,
        "next_stage": pages[index + 1] if index + 1 < len(pages) else None,
    }


@require_safe
@login_required
def overview(request, slug):
    scorecard = scorecard_for_user(request, slug)
    progress = stages.progress_of_all(snapshot_of(scorecard))
    context = {
        "scorecard": scorecard,
        "unit": scorecard.unit,
        "progress": progress,
        "can_edit": role_can_write(scorecard.unit.role),
        "complete_count": sum(1 for _, p in progress if p.state == stages.COMPLETE),
    }
    return render(request, "scorecard/builder/overview.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def start(request, slug):
    unit = unit_for_user(request, slug, write=True)
    if Scorecard.objects.filter(unit=unit).exists():
        return redirect("builder:overview", slug=unit.slug)
    parent_scorecard = Scorecard.objects.filter(unit_id=unit.parent_id).first()
    initial = {"framework": parent_scorecard.framework_id} if parent_scorecard else {}
    form = StartScorecardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.start_scorecard(unit=unit, framework=form.cleaned_data["framework"])
        messages.success(request, f"Started the scorecard of {unit.name}.")
        return redirect("builder:overview", slug=unit.slug)
    context = {"unit": unit, "form": form, "parent_scorecard": parent_scorecard}
    return render(request, "scorecard/builder/start.html", context)


# Stage 1: strategic foundation.


def render_foundation(request, scorecard, **forms):
    """The foundation page, with any bound form that failed in place of its blank one."""
    context = stage_context(scorecard, "foundation")
    stakeholders = list(scorecard.stakeholders.all())
    context.update(
        {
            "foundation_form": forms.get("foundation_form") or FoundationForm(instance=scorecard),
            "theme_form": forms.get("theme_form") or ThemeForm(scorecard=scorecard),
            "swot_form": forms.get("swot_form") or SwotItemForm(scorecard=scorecard),
            "stakeholder_form": forms.get("stakeholder_form")
            or StakeholderForm(scorecard=scorecard),
            "themes": scorecard.themes.all(),
            "swot": swot_by_kind(scorecard),
            "stakeholders": stakeholders,
            "grid": stakeholder_grid(stakeholders),
            # The form that failed, for the error summary at the top.
            "form": next(iter(forms.values()), None),
        }
    )
    return render(request, "scorecard/builder/foundation.html", context)


SWOT_HEADINGS = {
    SwotItem.Kind.STRENGTH: "Strengths",
    SwotItem.Kind.WEAKNESS: "Weaknesses",
    SwotItem.Kind.OPPORTUNITY: "Opportunities",
    SwotItem.Kind.THREAT: "Threats",
}


def swot_by_kind(scorecard):
    items = list(scorecard.swot_items.all())
    return [
        (heading, [item for item in items if item.kind == kind])
        for kind, heading in SWOT_HEADINGS.items()
    ]


def stakeholder_grid(stakeholders):
    """Rows of the power / impact grid, high power first: [(label, [(quadrant, names)])]."""
    by_quadrant = {}
    for stakeholder in stakeholders:
        by_quadrant.setdefault(stakeholder.quadrant, []).append(stakeholder)
    return [
        (
            "High power",
            [
                ("Satisfy", by_quadrant.get("Satisfy", [])),
                ("Manage", by_quadrant.get("Manage", [])),
            ],
        ),
        (
            "Low power",
            [
                ("Monitor", by_quadrant.get("Monitor", [])),
                ("Inform", by_quadrant.get("Inform", [])),
            ],
        ),
    ]


@require_safe
@login_required
def foundation(request, slug):
    return render_foundation(request, scorecard_for_user(request, slug))


@require_POST
@login_required
def foundation_save(request, slug):
    scorecard = scorecard_for_user(request, slug, write=True)
    form = FoundationForm(request.POST, instance=scorecard)
    if not form.is_valid():
        return render_foundation(request, scorecard, foundation_form=form)
    form.save()
    messages.success(request, "Saved the mission, vision, values and strategy.")
    return redirect("builder:foundation", slug=slug)


def add_child(request, slug, form_class, form_name, anchor, describe, *, append=None):
    """Add a theme, SWOT item or stakeholder from the foundation page.

    Ordered items (themes, SWOT items) are saved by `append`, which puts them at the end of
    their list; a stakeholder's form saves it.
    """
    scorecard = scorecard_for_user(request, slug, write=True)
    form = form_class(request.POST, scorecard=scorecard)
    if not form.is_valid():
        return render_foundation(request, scorecard, **{form_name: form})
    item = append(form.save(commit=False)) if append else form.save()
    messages.success(request, f"Added {describe(item)}.")
    return redirect(reverse("builder:foundation", args=[slug]) + f"#{anchor}")


@require_POST
@login_required
def theme_add(request, slug):
    return add_child(
        request,
        slug,
        ThemeForm,
        "theme_form",
        "themes",
        lambda t: f"the theme “{t}”",
        append=lambda theme: services.add_theme(theme=theme),
    )


@require_POST
@login_required
def swot_add(request, slug):
    return add_child(
        request,
        slug,
        SwotItemForm,
        "swot_form",
        "swot",
        lambda i: with_article(i.get_kind_display().lower()),
        append=lambda item: services.add_swot_item(item=item),
    )


@require_POST
@login_required
def stakeholder_add(request, slug):
    return add_child(
        request,
        slug,
        StakeholderForm,
        "stakeholder_form",
        "stakeholders",
        lambda s: str(s),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def theme_edit(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    theme = get_object_or_404(StrategicTheme, pk=pk, scorecard=scorecard)
    form = ThemeForm(request.POST or None, instance=theme, scorecard=scorecard)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the theme “{theme}”.")
        return redirect(reverse("builder:foundation", args=[slug]) + "#themes")
    context = {**stage_context(scorecard, "foundation"), "form": form, "item": theme}
    return render(request, "scorecard/builder/edit_item.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def stakeholder_edit(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    stakeholder = get_object_or_404(Stakeholder, pk=pk, scorecard=scorecard)
    form = StakeholderForm(request.POST or None, instance=stakeholder, scorecard=scorecard)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved {stakeholder}.")
        return redirect(reverse("builder:foundation", args=[slug]) + "#stakeholders")
    context = {**stage_context(scorecard, "foundation"), "form": form, "item": stakeholder}
    return render(request, "scorecard/builder/edit_item.html", context)


@require_POST
@login_required
def theme_delete(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    theme = get_object_or_404(StrategicTheme, pk=pk, scorecard=scorecard)
    try:
        services.delete_theme(theme=theme)
    except services.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Deleted the theme “{theme}”.")
    return redirect(reverse("builder:foundation", args=[slug]) + "#themes")


@require_POST
@login_required
def swot_delete(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    item = get_object_or_404(SwotItem, pk=pk, scorecard=scorecard)
    services.delete_swot_item(item=item)
    messages.success(request, f"Removed the {item.get_kind_display().lower()} “{item.text}”.")
    return redirect(reverse("builder:foundation", args=[slug]) + "#swot")


@require_POST
@login_required
def stakeholder_delete(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    stakeholder = get_object_or_404(Stakeholder, pk=pk, scorecard=scorecard)
    services.delete_stakeholder(stakeholder=stakeholder)
    messages.success(request, f"Removed {stakeholder} from the stakeholders.")
    return redirect(reverse("builder:foundation", args=[slug]) + "#stakeholders")


# Stage 2: the multi-dimensional strategic summary.


def summary_grid(scorecard, perspectives, data=None):
    """Rows of (theme, [(perspective, field name, text)]) for the theme x perspective grid."""
    stored = {
        (s.theme_id, s.perspective_id): s.statement
        for s in SummaryStatement.objects.filter(theme__scorecard=scorecard)
    }
    return [
        (
            theme,
            [
                (
                    perspective,
                    f"cell-{theme.pk}-{perspective.pk}",
                    data.get(f"cell-{theme.pk}-{perspective.pk}", "")
                    if data is not None
                    else stored.get((theme.pk, perspective.pk), ""),
                )
                for perspective in perspectives
            ],
        )
        for theme in scorecard.themes.all()
    ]


def summary_perspectives(scorecard):
    return list(scorecard.framework.perspectives.live())


@require_safe
@login_required
def summary(request, slug):
    scorecard = scorecard_for_user(request, slug)
    perspectives = summary_perspectives(scorecard)
    context = {
        **stage_context(scorecard, "summary"),
        "perspectives": perspectives,
        "grid": summary_grid(scorecard, perspectives),
    }
    return render(request, "scorecard/builder/summary.html", context)


@require_POST
@login_required
def summary_save(request, slug):
    scorecard = scorecard_for_user(request, slug, write=True)
    perspectives = summary_perspectives(scorecard)
    grid = summary_grid(scorecard, perspectives, data=request.POST)
    services.save_summary(
        cells=[(theme, perspective, text) for theme, row in grid for perspective, _, text in row]
    )
    messages.success(request, "Saved the strategic summary.")
    return redirect("builder:summary", slug=slug)


# Stage 3: objectives per perspective.


def objective_form(scorecard, data=None, instance=None, parents=None):
    return ObjectiveForm(
        data,
        instance=instance,
        scorecard=scorecard,
        parent_objectives=parents if parents is not None else parent_objectives(scorecard),
    )


def render_objectives(request, scorecard, form=None):
    parents = parent_objectives(scorecard)
    objectives = list(
        scorecard.objectives.select_related("theme", "contributes_to__scorecard__unit")
        .prefetch_related(
            Prefetch(
                "contributions",
                queryset=Objective.objects.live().select_related("scorecard__unit"),
            )
        )
        .annotate(measure_count=Count("measures"))
        .order_by("position", "code")
    )
    perspectives = [
        (
            perspective,
            [o for o in objectives if o.perspective_id == perspective.pk and not o.is_retired],
        )
        for perspective in scorecard.framework.perspectives.all()
        if not perspective.is_retired
        or any(o.perspective_id == perspective.pk for o in objectives)
    ]
    live = [o for o in objectives if not o.is_retired]
    context = {
        **stage_context(scorecard, "objectives"),
        "perspectives": perspectives,
        "retired": [o for o in objectives if o.is_retired],
        "live_count": len(live),
        "too_many": len(live) > stages.OBJECTIVE_WARNING_LIMIT,
        "warning_limit": stages.OBJECTIVE_WARNING_LIMIT,
        "form": form or objective_form(scorecard, parents=parents),
        "cascades": parents is not None,
    }
    return render(request, "scorecard/builder/objectives.html", context)


@require_safe
@login_required
def objectives(request, slug):
    return render_objectives(request, scorecard_for_user(request, slug))


@require_POST
@login_required
def objective_add(request, slug):
    scorecard = scorecard_for_user(request, slug, write=True)
    form = objective_form(scorecard, request.POST)
    if not form.is_valid():
        return render_objectives(request, scorecard, form)
    objective = services.add_objective(objective=form.save(commit=False))
    messages.success(request, f"Added the objective {objective}.")
    return redirect(reverse("builder:objectives", args=[slug]) + f"#objective-{objective.pk}")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def objective_edit(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    objective = get_object_or_404(Objective, pk=pk, scorecard=scorecard)
    form = objective_form(scorecard, request.POST or None, instance=objective)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the objective {objective}.")
        return redirect(reverse("builder:objectives", args=[slug]) + f"#objective-{objective.pk}")
    context = {
        **stage_context(scorecard, "objectives"),
        "form": form,
        "item": objective,
    }
    return render(request, "scorecard/builder/edit_item.html", context)


@require_POST
@login_required
def objective_move(request, slug, pk, direction):
    """Swap an objective with its neighbour in its perspective's order."""
    scorecard = scorecard_for_user(request, slug, write=True)
    objective = get_object_or_404(scorecard.objectives.live(), pk=pk)
    services.move_objective(objective=objective, direction=direction)
    return redirect(reverse("builder:objectives", args=[slug]) + f"#objective-{objective.pk}")


@require_POST
@login_required
def objective_retire(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    objective = get_object_or_404(Objective, pk=pk, scorecard=scorecard)
    retire_or_restore(request, objective, "objective")
    return redirect("builder:objectives", slug=slug)


@require_POST
@login_required
def objective_delete(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    objective = get_object_or_404(Objective, pk=pk, scorecard=scorecard)
    try:
        services.delete_objective(objective=objective)
    except services.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Deleted the objective {objective}.")
    return redirect("builder:objectives", slug=slug)


# Stage 4: cause and effect, and the strategy map.


def render_links(request, scorecard, form=None):
    context = {
        **stage_context(scorecard, "links"),
        **map_of(scorecard),
        "links": ObjectiveLink.objects.filter(cause__scorecard=scorecard).select_related(
            "cause", "effect"
        ),
        "form": form or ObjectiveLinkForm(scorecard=scorecard),
    }
    return render(request, "scorecard/builder/links.html", context)


@require_safe
@login_required
def links(request, slug):
    return render_links(request, scorecard_for_user(request, slug))


@require_POST
@login_required
def link_add(request, slug):
    scorecard = scorecard_for_user(request, slug, write=True)
    form = ObjectiveLinkForm(request.POST, scorecard=scorecard)
    if not form.is_valid():
        return render_links(request, scorecard, form)
    link = form.save()
    messages.success(request, f"Added the link {link}.")
    return redirect("builder:links", slug=slug)


@require_POST
@login_required
def link_delete(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    link = get_object_or_404(ObjectiveLink, pk=pk, cause__scorecard=scorecard)
    services.delete_link(link=link)
    messages.success(request, f"Removed the link {link}.")
    return redirect("builder:links", slug=slug)


# Stage 5: measures, each defined on the performance measure sheet.


def sheet_summary(measure):
    """Completeness, findings and tests of one measure (with has_target annotated)."""
    values = {name: getattr(measure, name) for name in measure_sheet.SHEET_FIELDS}
    values["chart_type"] = measure.chart_type
    values["zero_tolerance"] = measure.zero_tolerance
    done, size = measure_sheet.completeness(values, measure.has_target)
    return {
        "measure": measure,
        "filled": done,
        "size": size,
        "percent": measure_sheet.percentage(done, size),
        "findings": measure_sheet.findings(values, measure.has_target),
        "tests_ticked": len(set(measure.tests_passed) & set(measure_sheet.TESTS)),
    }


@require_safe
@login_required
def measures(request, slug):
    scorecard = scorecard_for_user(request, slug)
    sheets = [sheet_summary(m) for m in measures_with_targets(scorecard).order_by("code")]
    live_sheets = [s for s in sheets if not s["measure"].is_retired]
    objectives = scorecard.objectives.live().select_related("perspective")
    by_objective = [
        (objective, [s for s in live_sheets if s["measure"].objective_id == objective.pk])
        for objective in objectives.order_by("perspective__position", "position", "code")
    ]
    filled = sum(s["filled"] for s in live_sheets)
    size = sum(s["size"] for s in live_sheets)
    context = {
        **stage_context(scorecard, "measures"),
        "by_objective": by_objective,
        "retired": [s for s in sheets if s["measure"].is_retired],
        "scorecard_percent": measure_sheet.percentage(filled, size),
        "measure_count": len(live_sheets),
    }
    return render(request, "scorecard/builder/measures.html", context)


def sheet_rows(form):
    """(label, text) of each field, choices shown by their labels, for readers."""
    rows = []
    for field in form:
        value = field.value()
        if field.name == "objective":
            text = str(form.instance.objective)
        elif field.name == "tests_passed":
            text = f"{len(set(value or []) & set(measure_sheet.TESTS))} of 10 ticked"
        elif getattr(field.field, "choices", None):
            text = dict(field.field.choices).get(value, value)
        elif isinstance(value, bool):
            text = "Yes" if value else "No"
        else:
            text = value
        rows.append((field.label, text))
    return rows


def render_measure_form(request, scorecard, form, measure=None):
    context = {
        **stage_context(scorecard, "measures"),
        "form": form,
        "measure": measure,
        "sheet": sheet_summary(measure) if measure else None,
        "rows": sheet_rows(form) if measure else [],
    }
    return render(request, "scorecard/builder/measure_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def measure_add(request, slug):
    scorecard = scorecard_for_user(request, slug, write=True)
    initial = {"objective": request.GET.get("objective")}
    form = MeasureForm(request.POST or None, initial=initial, scorecard=scorecard)
    if request.method == "POST" and form.is_valid():
        measure = form.save()
        messages.success(request, f"Added the measure {measure}.")
        return redirect("builder:measure_edit", slug=slug, pk=measure.pk)
    return render_measure_form(request, scorecard, form)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def measure_adopt(request, slug):
    """Add a measure from the trust's catalogue: its definition comes with it."""
    scorecard = scorecard_for_user(request, slug, write=True)
    entries = catalogue.adoptable(scorecard.unit, scorecard)
    form = AdoptForm(request.POST or None, scorecard=scorecard, entries=entries)
    if request.method == "POST" and form.is_valid():
        measure = services.adopt_measure(
            entry=form.cleaned_data["entry"], objective=form.cleaned_data["objective"]
        )
        messages.success(
            request,
            f"Adopted {measure} from the trust's catalogue. Name its owner and set its "
            "targets: its definition is the catalogue's.",
        )
        return redirect("builder:measure_edit", slug=slug, pk=measure.pk)
    context = {**stage_context(scorecard, "measures"), "form": form, "entries": entries}
    return render(request, "scorecard/builder/measure_adopt.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def measure_edit(request, slug, pk):
    write = request.method == "POST"
    scorecard = scorecard_for_user(request, slug, write=write)
    measure = get_object_or_404(measures_with_targets(scorecard), pk=pk)
    form = MeasureForm(request.POST or None, instance=measure, scorecard=scorecard)
    if write and form.is_valid():
        form.save()
        messages.success(request, f"Saved the measure sheet of {measure}.")
        return redirect("builder:measure_edit", slug=slug, pk=measure.pk)
    return render_measure_form(request, scorecard, form, measure)


@require_POST
@login_required
def measure_retire(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    measure = get_object_or_404(Measure, pk=pk, objective__scorecard=scorecard)
    retire_or_restore(request, measure, "measure")
    return redirect("builder:measures", slug=slug)


@require_POST
@login_required
def measure_delete(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    measure = get_object_or_404(Measure, pk=pk, objective__scorecard=scorecard)
    try:
        services.delete_measure(measure=measure)
    except services.Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("builder:measure_edit", slug=slug, pk=measure.pk)
    messages.success(request, f"Deleted the measure {measure}.")
    return redirect("builder:measures", slug=slug)


# Stage 6: targets.


def target_overview(measure, observations, today):
    """A measure's targets, the one in force, its baseline and what is missing."""
    targets = sorted(measure.targets.all(), key=lambda t: t.effective_from)
    in_force = [t for t in targets if t.effective_from <= today]
    current = in_force[-1] if in_force else None
    flags = []
    if not targets:
        flags.append("No target yet")
    elif current is None:
        flags.append("No target in force yet: the first one starts later")
    if current is not None and current.action_trigger is None:
        flags.append(
            "No action trigger: until something triggers corrective action, the measure's "
            "usefulness is unclear"
        )
    return {
        "measure": measure,
        "targets": targets,
        "current": current,
        "baseline": baseline([o.value for o in observations]),
        "flags": flags,
    }


@require_safe
@login_required
def targets(request, slug):
    scorecard = scorecard_for_user(request, slug)
    measures = list(live_measures_with_targets(scorecard))
    values = recent_values(measures)
    today = timezone.localdate()
    overviews = [target_overview(m, values[m.pk], today) for m in measures]
    context = {
        **stage_context(scorecard, "targets"),
        "overviews": overviews,
        "without_trigger": sum(
            1 for o in overviews if o["current"] and not o["current"].action_trigger
        ),
        "baseline_length": BASELINE_LENGTH,
    }
    return render(request, "scorecard/builder/targets.html", context)


def render_target_form(request, scorecard, measure, form, target=None):
    values = recent_values([measure])[measure.pk]
    context = {
        **stage_context(scorecard, "targets"),
        "form": form,
        "item": measure,
        "target": target,
        "overview": target_overview(measure, values, timezone.localdate()),
        "baseline_length": BASELINE_LENGTH,
    }
    return render(request, "scorecard/builder/target_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def target_add(request, slug, measure_pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    measure = get_object_or_404(live_measures_with_targets(scorecard), pk=measure_pk)
    form = TargetForm(request.POST or None, measure=measure)
    if request.method == "POST" and form.is_valid():
        target = form.save()
        messages.success(
            request, f"Set the target of {measure} from {target.effective_from:%B %Y}."
        )
        return redirect(reverse("builder:targets", args=[slug]) + f"#measure-{measure.pk}")
    return render_target_form(request, scorecard, measure, form)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def target_edit(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    target = get_object_or_404(
        Target.objects.select_related("measure"), pk=pk, measure__objective__scorecard=scorecard
    )
    form = TargetForm(request.POST or None, instance=target, measure=target.measure)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the target of {target.measure}.")
        return redirect(reverse("builder:targets", args=[slug]) + f"#measure-{target.measure_id}")
    return render_target_form(request, scorecard, target.measure, form, target)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def trajectory(request, slug, measure_pk):
    """A planned value for each month of a financial year (an operational plan's trajectory)."""
    scorecard = scorecard_for_user(request, slug, write=True)
    measure = get_object_or_404(live_measures_with_targets(scorecard), pk=measure_pk)
    if measure.direction == Direction.WITHIN_RANGE:
        raise Http404("A within-range measure's targets are set one at a time.")
    year_form = FinancialYearForm(request.GET, today=timezone.localdate())
    year = year_form.chosen()
    form = TrajectoryForm(request.POST or None, measure=measure, year=year)
    if request.method == "POST" and form.is_valid():
        services.save_trajectory(measure=measure, periods=form.periods, targets=form.targets)
        label = periods.financial_year_label(form.periods[0])
        messages.success(request, f"Saved the trajectory of {measure} for {label}.")
        return redirect(reverse("builder:targets", args=[slug]) + f"#measure-{measure.pk}")
    context = {
        **stage_context(scorecard, "targets"),
        "form": form,
        "year_form": year_form,
        "item": measure,
        "year_label": periods.financial_year_label(date(year, 4, 1)),
    }
    return render(request, "scorecard/builder/trajectory.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def trajectory_import(request, slug):
    """Planned values for many measures and periods from a spreadsheet: all or nothing."""
    scorecard = scorecard_for_user(request, slug, write=True)
    measures = live_measures_with_targets(scorecard).prefetch_related("targets")
    form = TrajectoryImportForm(
        request.POST or None,
        request.FILES or None,
        measures=measures,
        refused=getattr(request, "upload_refused", ""),
    )
    plan = None
    if request.method == "POST" and form.is_valid():
        plan = form.plan
        if not plan.problems:
            services.save_trajectories(plan.targets)
            codes = ", ".join(sorted(measure.code for measure in plan.targets))
            messages.success(
                request,
                f"Saved {count_of(plan.count, 'planned value')} for "
                f"{count_of(len(plan.targets), 'measure')}: {codes}.",
            )
            return redirect("builder:targets", slug=slug)
    context = {
        **stage_context(scorecard, "targets"),
        "form": form,
        "plan": plan,
        "has_errors": bool(plan and plan.problems),
    }
    return render(request, "scorecard/builder/trajectory_import.html", context)


@require_POST
@login_required
def target_delete(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    target = get_object_or_404(
        Target.objects.select_related("measure"), pk=pk, measure__objective__scorecard=scorecard
    )
    services.delete_target(target=target)
    messages.success(
        request, f"Removed the target of {target.measure} from {target.effective_from:%B %Y}."
    )
    return redirect(reverse("builder:targets", args=[slug]) + f"#measure-{target.measure_id}")


# Stage 7: initiatives.


@require_safe
@login_required
def initiatives(request, slug):
    scorecard = scorecard_for_user(request, slug)
    projects = list(scorecard.initiatives.prefetch_related("objectives", "measures", "milestones"))
    objectives = list(
        scorecard.objectives.live().order_by("perspective__position", "position", "code")
    )
    served = {p.pk: {o.pk for o in p.objectives.all()} for p in projects}
    matrix = [(o, [o.pk in served[p.pk] for p in projects]) for o in objectives]
    context = {
        **stage_context(scorecard, "initiatives"),
        "initiatives": projects,
        "matrix": matrix,
        "unserved": [o for o, row in matrix if not any(row)],
        "idle": [p for p in projects if not served[p.pk]],
    }
    return render(request, "scorecard/builder/initiatives.html", context)


def render_initiative(request, scorecard, form, initiative=None, milestone_form=None):
    context = {
        **stage_context(scorecard, "initiatives"),
        "form": form,
        "initiative": initiative,
        "milestones": initiative.milestones.all() if initiative else [],
        "milestone_form": milestone_form
        or (MilestoneForm(initiative=initiative) if initiative else None),
    }
    return render(request, "scorecard/builder/initiative_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def initiative_add(request, slug):
    scorecard = scorecard_for_user(request, slug, write=True)
    form = InitiativeForm(request.POST or None, scorecard=scorecard)
    if request.method == "POST" and form.is_valid():
        initiative = form.save()
        messages.success(request, f"Added the initiative {initiative}. Add its milestones below.")
        return redirect("builder:initiative_edit", slug=slug, pk=initiative.pk)
    return render_initiative(request, scorecard, form)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def initiative_edit(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    initiative = get_object_or_404(Initiative, pk=pk, scorecard=scorecard)
    form = InitiativeForm(request.POST or None, instance=initiative, scorecard=scorecard)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the initiative {initiative}.")
        return redirect("builder:initiatives", slug=slug)
    return render_initiative(request, scorecard, form, initiative)


@require_POST
@login_required
def initiative_delete(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    initiative = get_object_or_404(Initiative, pk=pk, scorecard=scorecard)
    services.delete_initiative(initiative=initiative)
    messages.success(request, f"Deleted the initiative {initiative} and its milestones.")
    return redirect("builder:initiatives", slug=slug)


@require_POST
@login_required
def milestone_add(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    initiative = get_object_or_404(Initiative, pk=pk, scorecard=scorecard)
    milestone_form = MilestoneForm(request.POST, initiative=initiative)
    if not milestone_form.is_valid():
        form = InitiativeForm(instance=initiative, scorecard=scorecard)
        return render_initiative(request, scorecard, form, initiative, milestone_form)
    milestone = milestone_form.save()
    messages.success(request, f"Added the milestone {milestone}.")
    return redirect(reverse("builder:initiative_edit", args=[slug, pk]) + "#milestones")


@require_POST
@login_required
def milestone_delete(request, slug, pk):
    scorecard = scorecard_for_user(request, slug, write=True)
    milestone = get_object_or_404(Milestone, pk=pk, initiative__scorecard=scorecard)
    services.delete_milestone(milestone=milestone)
    messages.success(request, f"Removed the milestone {milestone}.")
    return redirect(
        reverse("builder:initiative_edit", args=[slug, milestone.initiative_id]) + "#milestones"
    )


# Stage 8: implementation.


def render_implementation(request, scorecard, form=None):
    readiness = stages.readiness(snapshot_of(scorecard))
    context = {
        **stage_context(scorecard, "implementation"),
        "form": form or ImplementationForm(instance=scorecard),
        "readiness": readiness,
        "ready": all(holds for _, holds in readiness),
        "history": change_history(scorecard),
    }
    return render(request, "scorecard/builder/implementation.html", context)


@require_safe
@login_required
def implementation(request, slug):
    return render_implementation(request, scorecard_for_user(request, slug))


@require_POST
@login_required
def implementation_save(request, slug):
    scorecard = scorecard_for_user(request, slug, write=True)
    form = ImplementationForm(request.POST, instance=scorecard)
    if not form.is_valid():
        return render_implementation(request, scorecard, form)
    form.save()
    messages.success(request, "Saved the review cadence and the data-quality process.")
    return redirect("builder:implementation", slug=slug)


@require_POST
@login_required
def publish(request, slug):
    """Sign the scorecard off and make it the unit's active scorecard."""
    scorecard = scorecard_for_user(request, slug, write=True)
    try:
        services.publish_scorecard(scorecard=scorecard, user=request.user)
    except services.Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("builder:implementation", slug=slug)
    messages.success(
        request, f"Published the scorecard of {scorecard.unit.name}, signed off by you."
    )
    return redirect("builder:implementation", slug=slug)
