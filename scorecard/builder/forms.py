from datetime import date

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from measures import spreadsheets
from measures.display import with_article
from measures.models import (
    DEFINITION_FIELDS,
    CatalogueEntry,
    Direction,
    Measure,
    Target,
    YearToDate,
)
from organisations.models import Membership
from scorecard.builder import trajectory_import
from scorecard.builder.measure_sheet import TESTS
from scorecard.lib import periods
from scorecard.lib.forms import DesignSystemForm, DesignSystemModelForm, PeriodField, textarea
from scorecard.models import (
    Framework,
    Initiative,
    Milestone,
    Objective,
    ObjectiveLink,
    Scorecard,
    Stakeholder,
    StrategicTheme,
    SwotItem,
)


def refuse_taken(rows, instance, message):
    """Refuse what another of `rows` already holds (a name, a code, a start date):
    the instance being edited does not count against itself."""
    if rows.exclude(pk=instance.pk).exists():
        raise ValidationError(message)


class StartScorecardForm(DesignSystemForm):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.filter(is_active=True),
        empty_label=None,
        help_text="The perspectives your objectives will sit in. A department usually uses "
        "its directorate's framework, so its objectives can contribute to the directorate's.",
    )


class FoundationForm(DesignSystemModelForm):
    class Meta:
        model = Scorecard
        fields = ["mission", "vision", "values", "strategy_statement", "requirements"]
        widgets = {name: textarea(4) for name in fields}
        help_texts = {
            "mission": "Why the unit exists: who it serves and what it does for them.",
            "vision": "What the unit wants to become in the next three to five years.",
            "values": "How people in the unit behave towards patients and each other.",
            "strategy_statement": "How the unit will get from where it is to its vision.",
        }


class ScorecardChildForm(DesignSystemModelForm):
    """A form for a row that belongs to one scorecard, given by the view."""

    def __init__(self, *args, scorecard, **kwargs):
        self.scorecard = scorecard
        super().__init__(*args, **kwargs)
        self.instance.scorecard = scorecard


class ThemeForm(ScorecardChildForm):
    # Prefixes keep field ids unique on the foundation page, which shows
    # the theme, SWOT and stakeholder forms together.
    prefix = "theme"

    class Meta:
        model = StrategicTheme
        fields = ["name", "description"]
        widgets = {"description": textarea()}
        labels = {"name": "Theme"}
        help_texts = {"name": "A strategic theme, or pillar, such as “Timely access”."}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        refuse_taken(
            self.scorecard.themes.filter(name__iexact=name),
            self.instance,
            f"The scorecard already has a theme called “{name}”.",
        )
        return name


class SwotItemForm(ScorecardChildForm):
    prefix = "swot"

    class Meta:
        model = SwotItem
        fields = ["kind", "text"]
        widgets = {"text": textarea(2)}
        labels = {"kind": "Kind of item", "text": "What it is"}


class StakeholderForm(ScorecardChildForm):
    prefix = "stakeholder"

    class Meta:
        model = Stakeholder
        fields = ["name", "role", "category", "power", "impact", "engagement_action"]
        widgets = {"engagement_action": textarea()}
        help_texts = {
            "category": "Which of the 9 Cs they belong to.",
            "power": "How far they can affect the unit's plans.",
            "impact": "How much the unit's plans affect them.",
            "engagement_action": "How you will involve them.",
        }


class ObjectiveForm(ScorecardChildForm):
    prefix = "objective"

    class Meta:
        model = Objective
        fields = [
            "perspective",
            "code",
            "title",
            "description",
            "owner",
            "weight",
            "theme",
            "contributes_to",
        ]
        widgets = {
            "description": textarea(),
            "code": forms.TextInput(attrs={"class": "nhsuk-input nhsuk-input--width-10"}),
            "weight": forms.NumberInput(attrs={"class": "nhsuk-input nhsuk-input--width-4"}),
        }
        labels = {"description": "What success looks like", "contributes_to": "Contributes to"}
        help_texts = {
            "code": "A short code, unique in this scorecard, such as C1.",
            "weight": "How much the objective counts when scores are rolled up; 1 is usual.",
            "owner": "The one person accountable for the objective.",
            "description": "",
        }

    def __init__(self, *args, parent_objectives=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown as the pages write weights (1.5, 1), not as stored (1.50, 1.00).
        if self.instance.pk and self.instance.weight is not None:
            self.initial["weight"] = format(self.instance.weight.normalize(), "f")
        framework = self.scorecard.framework
        # A retired perspective takes no new objectives, but keeps its own.
        own = framework.perspectives.filter(pk=self.instance.perspective_id)
        self.fields["perspective"].queryset = framework.perspectives.live() | own
        self.fields["perspective"].empty_label = "Choose one"
        self.fields["theme"].queryset = self.scorecard.themes.all()
        self.fields["theme"].empty_label = "No theme"
        if parent_objectives is None:
            # The trust, or a unit whose parent has no scorecard yet: nothing
            # to cascade from.
            del self.fields["contributes_to"]
        else:
            self.fields["contributes_to"].queryset = parent_objectives
            self.fields["contributes_to"].empty_label = "Nothing above: a local priority"
            self.fields[
                "contributes_to"
            ].help_text = "The objective of the scorecard above that this one helps to deliver."

    def clean_weight(self):
        weight = self.cleaned_data["weight"]
        if weight is not None and weight < 0:
            raise ValidationError(
                "The weight cannot be negative: use 0 for an objective that "
                "should not count in the roll-up"
            )
        return weight

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        refuse_taken(
            self.scorecard.objectives.filter(code__iexact=code),
            self.instance,
            f"The scorecard already has an objective {code}.",
        )
        return code


class ObjectiveLinkForm(DesignSystemModelForm):
    prefix = "link"

    class Meta:
        model = ObjectiveLink
        fields = ["cause", "effect", "rationale"]
        widgets = {"rationale": textarea(2)}
        labels = {
            "cause": "Cause",
            "effect": "Effect",
            "rationale": "Why the one drives the other",
        }
        help_texts = {
            "cause": "The objective that drives or enables another.",
            "effect": "The objective it helps to achieve.",
        }

    def __init__(self, *args, scorecard, **kwargs):
        super().__init__(*args, **kwargs)
        live = scorecard.objectives.live().select_related("perspective")
        for name in ("cause", "effect"):
            self.fields[name].queryset = live
            self.fields[name].label_from_instance = lambda o: f"{o} ({o.perspective.name})"

    def clean(self):
        cleaned = super().clean()
        cause, effect = cleaned.get("cause"), cleaned.get("effect")
        if cause and effect:
            if cause == effect:
                self.add_error(
                    "effect", "An objective cannot cause itself: choose another effect."
                )
            elif ObjectiveLink.objects.filter(cause=cause, effect=effect).exists():
                self.add_error("effect", f"{cause.code} → {effect.code} is already on the map.")
        return cleaned


class MeasureForm(DesignSystemModelForm):
    """The performance measure sheet, with how the measure is read and rolled up."""

    prefix = "measure"
    baseline_start = PeriodField(
        label="Baseline from",
        required=False,
        help_text=Measure._meta.get_field("baseline_start").help_text,
        widget=forms.TextInput(attrs={"class": "nhsuk-input nhsuk-input--width-5"}),
    )
    baseline_end = PeriodField(
        label="Baseline to",
        required=False,
        help_text=Measure._meta.get_field("baseline_end").help_text,
        widget=forms.TextInput(attrs={"class": "nhsuk-input nhsuk-input--width-5"}),
    )
    tests_passed = forms.MultipleChoiceField(
        choices=list(TESTS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="The ten tests of a good measure",
        help_text="Tick each test the measure passes. An unticked test is a question to "
        "settle with the people who will use the measure.",
    )

    class Meta:
        model = Measure
        fields = [
            "objective",
            "code",
            "title",
            "purpose",
            "relates_to",
            "formula",
            "unit",
            "decimals",
            "direction",
            "zero_tolerance",
            "may_exceed_100",
            "frequency",
            "review_frequency",
            "who_measures",
            "data_source",
            "owner",
            "owner_account",
            "who_acts",
            "action",
            "notes",
            "chart_type",
            "baseline_points",
            "baseline_start",
            "baseline_end",
            "year_to_date",
            "rollup",
            "is_computed",
            "ratio_multiplier",
            "numerator_label",
            "denominator_label",
            "tests_passed",
        ]
        widgets = {
            name: textarea(3) for name in ("purpose", "relates_to", "formula", "action", "notes")
        } | {
            "code": forms.TextInput(attrs={"class": "nhsuk-input nhsuk-input--width-10"}),
            "unit": forms.TextInput(attrs={"class": "nhsuk-input nhsuk-input--width-10"}),
            "decimals": forms.NumberInput(attrs={"class": "nhsuk-input nhsuk-input--width-2"}),
            "baseline_points": forms.NumberInput(
                attrs={"class": "nhsuk-input nhsuk-input--width-3"}
            ),
            "ratio_multiplier": forms.NumberInput(
                attrs={"class": "nhsuk-input nhsuk-input--width-5"}
            ),
        }
        labels = {"title": "Title", "objective": "Objective it measures"}
        help_texts = {
            "title": "What it is and why it matters, in words that explain themselves.",
            "purpose": "Why measure it at all.",
            "formula": "How the figure is calculated: the formula drives behaviour.",
            "who_measures": "Who collects and reports the data.",
            "data_source": "Where the data comes from, so that figures compare over time.",
            "owner": "The one person accountable for the measure.",
            "who_acts": "Who acts on the figures.",
            "action": "What they do when performance is unacceptable, and when it is acceptable.",
        }

    def __init__(self, *args, scorecard, **kwargs):
        super().__init__(*args, **kwargs)
        self.scorecard = scorecard
        # A retired objective takes no new measures, but keeps its own.
        objectives = scorecard.objectives
        self.fields["objective"].queryset = (
            objectives.live() | objectives.filter(pk=self.instance.objective_id)
        ).select_related("perspective")
        self.fields["objective"].label_from_instance = lambda o: f"{o} ({o.perspective.name})"
        if "owner_account" in self.fields:
            self._offer_owner_accounts(scorecard.unit)
        entry = self.instance.catalogue_entry
        if entry is not None:
            # Its definition is the trust's catalogue entry's: read here, changed there.
            for name in ("code", *DEFINITION_FIELDS):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = (
                        f"From the trust's measure catalogue ({entry.code}): an admin changes "
                        "it there, for every unit that reports it."
                    )

    def clean(self):
        cleaned = super().clean()
        end = cleaned.get("baseline_end")
        if end is not None and self.instance.pk:
            first = self.instance.observations.order_by("period").values("period").first()
            if first is not None and end < first["period"]:
                label = periods.period_label(first["period"], self.instance.frequency)
                self.add_error(
                    "baseline_end",
                    f"Its first value is for {label}: a baseline that ends before it has no "
                    "values to fix the limits on.",
                )
        return cleaned

    def _offer_owner_accounts(self, unit):
        """The owner's account is someone who can see the unit: a role on it or above."""
        people = User.objects.filter(
            pk__in=Membership.objects.covering(unit).values("user_id"), is_active=True
        )
        field = self.fields["owner_account"]
        field.queryset = (
            (people | User.objects.filter(pk=self.instance.owner_account_id))
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        field.label_from_instance = lambda person: (
            f"{person.get_full_name() or person.username} ({person.username})"
        )
        field.empty_label = "No account named"

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        refuse_taken(
            Measure.objects.filter(objective__scorecard=self.scorecard, code__iexact=code),
            self.instance,
            f"The scorecard already has a measure {code}.",
        )
        return code


class TargetForm(DesignSystemModelForm):
    prefix = "target"
    effective_from = PeriodField(
        label="From",
        help_text="The first period the target applies to, such as 2026-04 for April 2026.",
        widget=forms.TextInput(attrs={"class": "nhsuk-input nhsuk-input--width-10"}),
    )

    class Meta:
        model = Target
        fields = [
            "effective_from",
            "value",
            "upper_value",
            "tolerance",
            "action_trigger",
            "annual_threshold",
            "source",
            "rationale",
        ]
        widgets = {"rationale": textarea(3)}
        labels = {"value": "Target", "source": "Where the target comes from"}
        help_texts = {
            "rationale": "Why this level, and for a local target why it is right for the unit.",
        }

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.instance.measure = measure
        if measure.direction != Direction.WITHIN_RANGE:
            del self.fields["upper_value"]
        else:
            self.fields["value"].label = "Lowest acceptable value"
            self.fields["upper_value"].label = "Highest acceptable value"
            self.fields["upper_value"].required = True
        has_annual = (
            measure.year_to_date == YearToDate.SUM and measure.direction != Direction.WITHIN_RANGE
        )
        if not has_annual:
            # Only a year that adds up can have a ceiling or floor (measures/year.py).
            del self.fields["annual_threshold"]
        else:
            ceiling = measure.direction == Direction.LOWER_IS_BETTER
            self.fields[
                "annual_threshold"
            ].label = f"Annual {'ceiling' if ceiling else 'floor'} (optional)"
            self.fields["annual_threshold"].help_text = (
                f"The {'most' if ceiling else 'least'} the financial year's total (April to "
                "March) may reach, such as the C. difficile threshold NHS England sets each "
                "year. Past it, the rest of the year is off target."
            )
        unit = f" ({measure.unit})" if measure.unit else ""
        for name in ("value", "tolerance", "action_trigger", "annual_threshold"):
            if name in self.fields:
                self.fields[name].label += unit
                self.fields[name].widget.attrs["class"] = "nhsuk-input nhsuk-input--width-10"

    def clean_tolerance(self):
        tolerance = self.cleaned_data["tolerance"]
        if tolerance is not None and tolerance < 0:
            raise ValidationError(
                "The amber tolerance cannot be negative: it is how far short of the target "
                "still counts as amber"
            )
        return tolerance

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("value"), cleaned.get("upper_value")
        if low is not None and high is not None and high < low:
            self.add_error(
                "upper_value", "The highest acceptable value cannot be below the lowest"
            )
        return cleaned

    def clean_effective_from(self):
        start = self.cleaned_data["effective_from"]
        if not periods.is_period_start(start, self.measure.frequency):
            expected = periods.period_start(start, self.measure.frequency)
            label = periods.period_label(expected, self.measure.frequency)
            frequency = self.measure.get_frequency_display().lower()
            raise ValidationError(
                f"{with_article(frequency).capitalize()} measure's target starts on "
                f"a period: did you mean {label} (type {expected:%Y-%m})?"
            )
        refuse_taken(
            self.measure.targets.filter(effective_from=start),
            self.instance,
            "The measure already has a target from that period: change that one instead.",
        )
        return start


def date_input():
    return forms.DateInput(
        attrs={"type": "date", "class": "nhsuk-input nhsuk-input--width-10"}, format="%Y-%m-%d"
    )


PROGRESS_RANGE = "Progress is a percentage from 0 to 100."


class InitiativeForm(ScorecardChildForm):
    prefix = "initiative"

    class Meta:
        model = Initiative
        fields = [
            "title",
            "description",
            "owner",
            "start_date",
            "end_date",
            "budget",
            "status",
            "progress",
            "objectives",
            "measures",
            "benefits_for_nhs",
            "benefits_for_patients",
        ]
        widgets = {
            "description": textarea(3),
            "benefits_for_nhs": textarea(3),
            "benefits_for_patients": textarea(3),
            "start_date": date_input(),
            "end_date": date_input(),
            "budget": forms.NumberInput(attrs={"class": "nhsuk-input nhsuk-input--width-10"}),
            "progress": forms.NumberInput(attrs={"class": "nhsuk-input nhsuk-input--width-3"}),
            "objectives": forms.CheckboxSelectMultiple,
            "measures": forms.CheckboxSelectMultiple,
        }
        labels = {"objectives": "Objectives it serves", "measures": "Measures it should move"}
        help_texts = {
            "benefits_for_nhs": "Throughput, unit cost, staff time; savings may not reach the "
            "bottom line.",
            "benefits_for_patients": "Less waiting, safer care, a better experience.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = self.scorecard.objectives.live()
        self.fields["measures"].queryset = Measure.objects.live().filter(
            objective__scorecard=self.scorecard
        )
        self.fields["progress"].error_messages["min_value"] = PROGRESS_RANGE

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date cannot be before the start date.")
        progress = cleaned.get("progress")
        if progress is not None and progress > 100:
            self.add_error("progress", PROGRESS_RANGE)
        budget = cleaned.get("budget")
        if budget is not None and budget < 0:
            self.add_error("budget", "The budget cannot be negative.")
        return cleaned


class MilestoneForm(DesignSystemModelForm):
    prefix = "milestone"

    class Meta:
        model = Milestone
        fields = ["title", "due_date", "completed_on"]
        widgets = {"due_date": date_input(), "completed_on": date_input()}
        labels = {"title": "Milestone", "completed_on": "Completed on"}

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.instance.initiative = initiative

    def clean(self):
        cleaned = super().clean()
        start, end = self.initiative.start_date, self.initiative.end_date
        for name in ("due_date", "completed_on"):
            day = cleaned.get(name)
            if day and start and day < start:
                self.add_error(
                    name, f"The initiative starts on {start:%-d %B %Y}, after this date."
                )
            elif day and end and day > end:
                self.add_error(name, f"The initiative ends on {end:%-d %B %Y}, before this date.")
        return cleaned


class ImplementationForm(DesignSystemModelForm):
    class Meta:
        model = Scorecard
        fields = ["performance_review_cadence", "strategy_review_cadence", "data_quality_process"]
        widgets = {"data_quality_process": textarea(4)}
        labels = {
            "performance_review_cadence": "Performance review",
            "strategy_review_cadence": "Strategy review",
        }
        help_texts = {
            "performance_review_cadence": "How often the unit reviews its measures.",
            "strategy_review_cadence": "How often it asks whether the objectives are still right.",
            "data_quality_process": "Who checks the figures before they are reported, and how.",
        }


class TrajectoryForm(DesignSystemForm):
    """A planned value for each period of a financial year: a target per period.

    Each value given becomes the target from its period (so the status of each
    month is judged against that month's plan); one tolerance, trigger and
    source apply to them all. A period left blank keeps no planned value of its
    own: the plan before it carries on. Checked in full before anything is saved.
    """

    prefix = "trajectory"
    tolerance = forms.DecimalField(
        label="Amber tolerance", required=False, min_value=0, max_digits=18, decimal_places=6
    )
    action_trigger = forms.DecimalField(
        label="Action trigger", required=False, max_digits=18, decimal_places=6
    )
    source = forms.ChoiceField(
        label="Where the targets come from",
        choices=Target.Source.choices,
        initial=Target.Source.LOCAL,
    )
    rationale = forms.CharField(
        label="Why this plan",
        required=False,
        widget=textarea(2),
        help_text="Such as the operational plan submitted to NHS England for the year.",
    )

    def __init__(self, *args, measure, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.periods = trajectory_periods(year, measure.frequency)
        unit = f" ({measure.unit})" if measure.unit else ""
        planned = {
            target.effective_from: target
            for target in measure.targets.filter(effective_from__in=self.periods)
        }
        for period in self.periods:
            self.fields[period_field(period)] = forms.DecimalField(
                label=periods.period_label(period, measure.frequency) + unit,
                required=False,
                max_digits=18,
                decimal_places=6,
                initial=plain(planned[period].value) if period in planned else None,
                # Text, not a number input: a browser sends a mistyped number ("84.3e")
                # as blank, which would clear that month's plan without a word.
                widget=forms.TextInput(
                    attrs={"class": "nhsuk-input nhsuk-input--width-5", "inputmode": "decimal"}
                ),
            )
        # A year with a plan may be cleared to nothing; an empty one asks for a value.
        self.had_plan = bool(planned)
        first = next(iter(planned.values()), None)
        if first is not None:
            self.initial.setdefault("tolerance", plain(first.tolerance))
            self.initial.setdefault("action_trigger", plain(first.action_trigger))
            self.initial.setdefault("source", first.source)
            self.initial.setdefault("rationale", first.rationale)
        for name in ("tolerance", "action_trigger"):
            self.fields[name].label += unit
            self.fields[name].widget.attrs["class"] = "nhsuk-input nhsuk-input--width-5"
        # Move the planned values first, in period order, before the shared settings.
        order = [period_field(period) for period in self.periods]
        self.order_fields(order + ["tolerance", "action_trigger", "source", "rationale"])

    @property
    def planned_fields(self):
        """The bound field of each period's planned value, in period order."""
        return [self[period_field(period)] for period in self.periods]

    def clean(self):
        # Every month is checked, so each problem is named at once beside its month.
        cleaned = super().clean()
        self.targets = []
        for period in self.periods:
            value = cleaned.get(period_field(period))
            if value is None:
                continue
            target = Target(
                measure=self.measure,
                effective_from=period,
                value=value,
                tolerance=cleaned.get("tolerance") or 0,
                action_trigger=cleaned.get("action_trigger"),
                source=cleaned.get("source") or Target.Source.LOCAL,
                rationale=cleaned.get("rationale", ""),
            )
            try:
                target.clean()
            except ValidationError as error:
                month = periods.period_label(period, self.measure.frequency)
                for name, messages in error.message_dict.items():
                    if name == "value":
                        # Named, as the error summary lists it away from its box.
                        self.add_error(period_field(period), f"{month}: {messages[0]}")
                        continue
                    for message in messages:
                        message = f"{message} (the plan for {month} is {plain(value)})"
                        if not self.errors.get(name):
                            self.add_error(name, message)
                continue
            self.targets.append(target)
        if not self.errors and not self.targets and not self.had_plan:
            raise ValidationError("Give a planned value for at least one month")
        return cleaned


def financial_years(today=None):
    """(first calendar year, "2026/27") of this financial year and two either side."""
    current = periods.financial_year(today or timezone.localdate())
    return [(year, f"{year}/{(year + 1) % 100:02d}") for year in range(current - 2, current + 3)]


def plain(number):
    """A stored Decimal as a person types it: 65, not 65.000000 (None stays None)."""
    return None if number is None else format(number.normalize(), "f")


def trajectory_periods(year, frequency):
    """The periods of the financial year starting in April `year`, in the measure's frequency."""
    first = date(year, periods.FINANCIAL_YEAR_START_MONTH, 1)
    count = periods.PERIODS_PER_YEAR[frequency]
    return [periods.add_periods(first, frequency, step) for step in range(count)]


def period_field(period):
    return f"p{period:%Y_%m}"


class FinancialYearForm(DesignSystemForm):
    """Which financial year a trajectory is planned for: this one by default, two either side."""

    year = forms.TypedChoiceField(
        label="Financial year", coerce=int, required=False, choices=financial_years
    )

    def __init__(self, data, *, today):
        self.current = periods.financial_year(today)
        super().__init__(data or None, initial={"year": self.current})

    def chosen(self):
        """The year asked for, or this one when none (or one not offered) was asked for."""
        if self.is_bound and self.is_valid() and self.cleaned_data["year"]:
            return self.cleaned_data["year"]
        return self.current


class TrajectoryImportForm(DesignSystemForm):
    """A spreadsheet of planned values, checked in full: `plan` holds what it would save."""

    file = forms.FileField(
        label="Spreadsheet of planned values",
        allow_empty_file=True,  # the check says why an empty file cannot be read
        help_text=f"A CSV (UTF-8) or Excel (.xlsx) file of up to {spreadsheets.MAX_SIZE}, "
        "with the columns measure, period and planned value, and optionally tolerance and "
        "trigger. Only the first sheet of a workbook is read.",
        widget=forms.FileInput(
            attrs={"class": "nhsuk-file-upload__input", "accept": ".csv,.xlsx"}
        ),
    )
    source = forms.ChoiceField(
        label="Where the planned values come from",
        choices=Target.Source.choices,
        initial=Target.Source.LOCAL,
    )
    rationale = forms.CharField(
        label="Why this plan",
        required=False,
        widget=textarea(2),
        help_text="Such as the operational plan submitted to NHS England for the year.",
    )

    def __init__(self, *args, measures, refused="", **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = measures
        self.fields["file"].error_messages["required"] = (
            refused or "Choose a CSV or XLSX file of planned values"
        )
        self.plan = None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None or "source" not in cleaned:
            return cleaned
        try:
            table = spreadsheets.read_rows(upload)
            problem = trajectory_import.header_problem(table)
            if problem:
                raise spreadsheets.Unreadable(problem)
        except spreadsheets.Unreadable as error:
            self.add_error("file", str(error))
            return cleaned
        self.plan = trajectory_import.check_plan(
            table,
            self.measures,
            source=cleaned["source"],
            rationale=cleaned.get("rationale", ""),
        )
        return cleaned


class AdoptForm(DesignSystemForm):
    """A measure of the trust's catalogue, adopted under one of the scorecard's objectives."""

    entry = forms.ModelChoiceField(
        label="Measure from the catalogue",
        queryset=CatalogueEntry.objects.none(),
        empty_label="Choose a measure",
        error_messages={"required": "Choose the measure to adopt"},
    )
    objective = forms.ModelChoiceField(
        label="Objective it measures",
        queryset=None,
        empty_label="Choose an objective",
        error_messages={"required": "Choose the objective it measures"},
    )

    def __init__(self, *args, scorecard, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.scorecard = scorecard
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda entry: f"{entry.code} {entry.title}"
        self.fields["objective"].queryset = scorecard.objectives.live().select_related(
            "perspective"
        )
        self.fields["objective"].label_from_instance = lambda o: f"{o} ({o.perspective.name})"
