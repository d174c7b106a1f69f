from django import forms

from measures.models import (
    NARRATIVE_FIELDS,
    TRAJECTORY_PERIODS,
    ChartType,
    ExceptionAction,
    ExceptionReport,
    Occurrence,
    Rebase,
)
from measures.recording import Change
from measures.selectors import action_comment_problem, is_past_trigger, status_for
from measures.values import EntryError, is_blank, read_entry, value_problem
from scorecard.lib import periods
from scorecard.lib.forms import DesignSystemForm, DesignSystemModelForm, PeriodField
from scorecard.lib.words import visible_text

COMMENT_LENGTH = 2000


def as_text(number):
    """A stored Decimal as a person would type it: 61.2, not 61.200000 or 6.12E+1."""
    return "" if number is None else format(number.normalize(), "f")


class ValueForm(DesignSystemForm):
    """The value (or numerator and denominator) and comment of one measure for one period.

    Each typed field carries the value it was opened with (a hidden initial),
    so only what the person changed is saved, and `version` is the version of
    the stored value they saw, so a save over someone else's newer value is
    caught.
    """

    value = forms.CharField(required=False, show_hidden_initial=True)
    numerator = forms.CharField(required=False, show_hidden_initial=True)
    denominator = forms.CharField(required=False, show_hidden_initial=True)
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_LENGTH,
        show_hidden_initial=True,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, row, *args, **kwargs):
        self.row = row
        observation = row.observation
        initial = {"version": row.version}
        if observation:
            initial |= {
                "value": as_text(observation.value),
                "numerator": as_text(observation.numerator),
                "denominator": as_text(observation.denominator),
                "comment": observation.comment,
            }
        super().__init__(*args, prefix=f"m{row.measure.pk}", initial=initial, **kwargs)
        measure = row.measure
        for name in ("value", "numerator", "denominator"):
            self.fields[name].widget.attrs.update(
                {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}
            )
        del self.fields["value" if measure.is_ratio else "numerator"]
        if not measure.is_ratio:
            del self.fields["denominator"]
        # The page adds "for <code> <period>" for screen readers; sighted people see the row.
        if measure.is_ratio:
            self.fields["numerator"].label = measure.numerator_label or "Numerator"
            self.fields["denominator"].label = measure.denominator_label or "Denominator"
        else:
            self.fields["value"].label = f"Value ({measure.unit})" if measure.unit else "Value"
        self.fields["comment"].label = "Comment"
        self.change = None
        self.entry = None
        # "November 2026 is closed: reported 62.7%" when the month is closed.
        self.reported_text = ""
        if not self.is_bound:
            self._describe_action_hint()

    @property
    def status(self):
        """The status of the value on the form: the typed one once checked, else the saved."""
        if self.entry is not None:
            return status_for(self.row.measure, self.entry.value, self.row.target)
        return self.row.status

    @property
    def past_trigger(self):
        if self.entry is not None:
            return is_past_trigger(self.row.measure, self.entry.value, self.row.target)
        return self.row.past_trigger

    @property
    def number_fields(self):
        return ["numerator", "denominator"] if self.row.measure.is_ratio else ["value"]

    def clean(self):
        cleaned = super().clean()
        if self.errors or not self.has_changed():
            return cleaned
        measure = self.row.measure
        typed = {name: cleaned.get(name, "") for name in self.number_fields}
        comment = cleaned.get("comment", "").strip()
        first = self.number_fields[0]
        if all(is_blank(text) for text in typed.values()):
            if self.row.observation:
                self.add_error(
                    first,
                    "This value is already saved and cannot be cleared here; type the "
                    "corrected value.",
                )
            elif comment:
                self.add_error(first, "Enter a value to go with the comment.")
            return cleaned
        try:
            self.entry = read_entry(measure.value_rules, **typed)
        except EntryError as error:
            for name, message in error.errors.items():
                self.add_error(name, message)
            return cleaned
        problem = action_comment_problem(measure, self.entry.value, self.row.target, comment)
        if problem:
            self.add_error("comment", problem)
            return cleaned
        self.change = Change(
            measure=measure,
            period=self.row.period,
            entry=self.entry,
            comment=comment,
            opened_version=cleaned["version"],
        )
        return cleaned

    def full_clean(self):
        super().full_clean()
        self._describe_action_hint()

    def _describe_action_hint(self):
        """Point the comment box at the "past the action trigger" hint the page shows."""
        if not self.past_trigger:
            return
        widget = self.fields["comment"].widget
        hint = self["comment"].auto_id + "_action"
        described = widget.attrs.get("aria-describedby", "")
        if hint not in described:
            widget.attrs["aria-describedby"] = f"{hint} {described}".strip()

    def has_changed(self):
        return any(name != "version" and name in self.changed_data for name in self.fields)


class RebaseForm(DesignSystemModelForm):
    """Restart a measure's SPC limits from a period, with the reason."""

    prefix = "rebase"
    period = PeriodField(
        label="Restart the limits from",
        help_text="The first period of the new process, such as 2026-04 for April 2026.",
    )

    class Meta:
        model = Rebase
        fields = ["period", "reason"]
        labels = {"reason": "What changed"}
        help_texts = {
            "reason": "The change to the process that makes the old limits no longer apply, "
            "such as a new pathway or a new way of counting."
        }
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["reason"].error_messages["required"] = "Say what changed in the process"
        self.fields["period"].error_messages["required"] = (
            "Enter the period the limits restart from, such as 2026-04"
        )

    def clean_period(self):
        period = self.cleaned_data["period"]
        recorded = list(
            self.measure.observations.order_by("period").values_list("period", flat=True)
        )
        if period not in recorded:
            raise forms.ValidationError(
                "Choose a period that has a value: the limits restart at a point of the series."
            )
        if period == recorded[0]:
            raise forms.ValidationError(
                "The limits already start at the first value; choose a later period."
            )
        if self.measure.rebases.filter(period=period).exists():
            raise forms.ValidationError("The limits already restart at this period.")
        return period


class RestoreForm(DesignSystemForm):
    """Why an earlier value goes back, and the version of the value now that it replaces.

    An earlier value past the action trigger in force is restored by the
    entry page's rule: with a comment saying what is being done, so the form
    then asks for one, starting from the earlier version's.
    """

    comment = forms.CharField(
        required=False,
        max_length=COMMENT_LENGTH,
        help_text="What is being done about a value past the action trigger: kept with the "
        "value, as on the entry page.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    why = forms.CharField(
        label="Why are you restoring this value?",
        help_text="Kept in the value's history with the restore, for whoever checks it later, "
        "such as an auditor.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, version, measure, earlier, target, **kwargs):
        initial = {"version": version, "comment": earlier.comment}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["why"].error_messages["required"] = "Say why you are restoring this value"
        self.measure, self.earlier, self.target = measure, earlier, target
        self.asks_comment = is_past_trigger(measure, earlier.value, target)
        if self.asks_comment:
            self.fields["comment"].label = "Comment"
        else:
            del self.fields["comment"]

    def clean(self):
        cleaned = super().clean()
        if self.asks_comment:
            comment = cleaned.get("comment", "").strip()
            cleaned["comment"] = comment
            problem = action_comment_problem(
                self.measure, self.earlier.value, self.target, comment
            )
            if problem:
                self.add_error("comment", problem)
        return cleaned

    @property
    def restored_comment(self):
        """The comment to restore with: the one typed, or the earlier version's."""
        return self.cleaned_data.get("comment", self.earlier.comment)


class CorrectionForm(DesignSystemForm):
    """Why values of a closed month are changed: kept in each value's history."""

    correction_reason = forms.CharField(
        label="Reason for the correction",
        required=False,
        max_length=500,
        help_text="This month is closed: what was reported stays as it was, and a change is a "
        "correction. Say why, such as “two patients were counted twice”.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def reason(self):
        return (
            visible_text(self.cleaned_data.get("correction_reason", "")) if self.is_valid() else ""
        )


class OccurrenceForm(DesignSystemModelForm):
    """A rare event, dated; for a g-chart, with the cases since the one before."""

    prefix = "event"

    class Meta:
        model = Occurrence
        fields = ["occurred_on", "cases_since_previous", "note"]
        widgets = {
            "occurred_on": forms.DateInput(
                attrs={"type": "date", "class": "nhsuk-input nhsuk-input--width-10"},
                format="%Y-%m-%d",
            ),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, measure, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure, self.today = measure, today
        self.fields["occurred_on"].error_messages["required"] = (
            "Enter the date of the event, such as 2026-11-14"
        )
        self.fields["occurred_on"].error_messages["invalid"] = (
            "Enter the date of the event as a real date, such as 2026-11-14"
        )
        if measure.chart_type == ChartType.G:
            self.fields["cases_since_previous"].required = True
            self.fields["cases_since_previous"].error_messages["required"] = (
                "Say how many cases (operations, admissions) there were since the previous "
                "event: the g-chart plots them"
            )
        else:
            del self.fields["cases_since_previous"]

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        if day > self.today:
            raise forms.ValidationError(
                f"The event cannot be after today ({self.today.day} {self.today:%B %Y}): record "
                "it once it has happened"
            )
        if day < periods.EARLIEST:
            raise forms.ValidationError(
                f"Enter a date from {periods.EARLIEST:%Y} on: the measure's values start later"
            )
        return day


class ExceptionReportForm(DesignSystemModelForm):
    """A measure's exception report for a period: what happened, why, the risk, recovery."""

    prefix = "report"
    recovery_expected = PeriodField(
        label="Expected to recover by",
        required=False,
        help_text="The month it is expected to be back on target, such as 2027-03. Leave it "
        "empty if no one can say yet, and say why in the text.",
        widget=forms.TextInput(attrs={"class": "nhsuk-input nhsuk-input--width-5"}),
    )

    class Meta:
        model = ExceptionReport
        fields = ["what_happened", "root_cause", "risk", "recovery_expected"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("what_happened", "root_cause", "risk")
        }

    def __init__(self, *args, today, measure, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.today, self.measure = today, measure
        for name in ("what_happened", "root_cause"):
            label = self.fields[name].label.lower()
            self.fields[name].error_messages["required"] = f"Say {label}"
        # The revised trajectory: a value expected in each of the periods to come.
        planned = dict(self.initial.get("revised_trajectory") or [])
        self.plan_periods = [
            periods.add_periods(period, measure.frequency, ahead)
            for ahead in range(1, TRAJECTORY_PERIODS + 1)
        ]
        for number, planned_period in enumerate(self.plan_periods, start=1):
            label = periods.period_label(planned_period, measure.frequency)
            self.fields[f"plan_{number}"] = forms.DecimalField(
                label=f"Expected in {label}",
                required=False,
                max_digits=18,
                decimal_places=6,
                initial=planned.get(planned_period.isoformat()),
                widget=forms.TextInput(
                    attrs={"class": "nhsuk-input nhsuk-input--width-5", "inputmode": "decimal"}
                ),
                error_messages={"invalid": f"Enter the value expected in {label} as a number"},
            )

    @property
    def plan_fields(self):
        return [self[f"plan_{number}"] for number in range(1, len(self.plan_periods) + 1)]

    def visible_fields(self):
        # The trajectory's boxes are drawn as one row of their own.
        return [field for field in super().visible_fields() if not field.name.startswith("plan_")]

    def clean_recovery_expected(self):
        month = self.cleaned_data["recovery_expected"]
        this_month = self.today.replace(day=1)
        if month is not None and month < this_month:
            raise forms.ValidationError(
                f"{month:%B %Y} has passed: give the month recovery is now expected, or leave "
                "it empty and say in the text why no one can tell yet"
            )
        return month

    def clean(self):
        cleaned = super().clean()
        reported = set(
            self.measure.observations.filter(period__in=self.plan_periods).values_list(
                "period", flat=True
            )
        )
        trajectory = []
        for number, planned_period in enumerate(self.plan_periods, start=1):
            name, value = f"plan_{number}", cleaned.get(f"plan_{number}")
            if value is None:
                continue
            label = periods.period_label(planned_period, self.measure.frequency)
            problem = value_problem(self.measure.value_rules, value)
            if planned_period in reported:
                self.add_error(
                    name,
                    f"{label} is already reported: a revised trajectory plans the periods "
                    "still to come",
                )
            elif problem:
                self.add_error(name, problem)
            else:
                trajectory.append([planned_period.isoformat(), format(value.normalize(), "f")])
        cleaned["revised_trajectory"] = trajectory
        return cleaned

    def narrative(self):
        return {name: self.cleaned_data[name] for name in NARRATIVE_FIELDS}


class ExceptionActionForm(DesignSystemModelForm):
    """One action on the measure: what, who owns it, by when, and whether it is done.

    A blank row (a new action not written) is left out.
    """

    class Meta:
        model = ExceptionAction
        fields = ["description", "owner", "due", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "due": forms.DateInput(
                attrs={"class": "nhsuk-input nhsuk-input--width-10"}, format="%d/%m/%Y"
            ),
        }

    def __init__(self, *args, people, today, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = people
        owner.required = True
        owner.empty_label = "Choose who owns it"
        owner.label_from_instance = lambda person: (
            f"{person.get_full_name() or person.username} ({person.username})"
        )
        owner.error_messages["required"] = "Say who owns the action: one named person"
        self.today = today
        due = self.fields["due"]
        due.input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        due.help_text = "Day, month and year, such as 31/01/2027."
        due.error_messages["required"] = "Say by when it is due, such as 31/01/2027"
        due.error_messages["invalid"] = (
            "Enter the day it is due as a real date, such as 31/01/2027"
        )
        self.fields["description"].error_messages["required"] = "Say what the action is"

    def clean_due(self):
        due = self.cleaned_data["due"]
        if due is not None and self.instance.pk is None and due < self.today:
            raise forms.ValidationError(
                f"{due:%d/%m/%Y} has passed: a new action is due from today on"
            )
        return due

    def clean_owner(self):
        owner = self.cleaned_data["owner"]
        if owner is not None and not owner.is_active:
            name = owner.get_full_name() or owner.username
            raise forms.ValidationError(f"{name} has left: choose who owns the action now")
        return owner


class BaseExceptionActionFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, people, today, **kwargs):
        self.people, self.today = people, today
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "people": self.people, "today": self.today}


ExceptionActionFormSet = forms.modelformset_factory(
    ExceptionAction,
    form=ExceptionActionForm,
    formset=BaseExceptionActionFormSet,
    extra=2,
    can_delete=False,
)
