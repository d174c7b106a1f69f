"""Forms of the key-target review. Conversions reuse the builder's objective and measure
forms, so a draft made here passes the same checks as one made in the builder."""

from django import forms
from django.core.exceptions import ValidationError

from measures.models import Alignment, Measure
from scorecard.builder.forms import MeasureForm, ObjectiveForm
from scorecard.lib.forms import DesignSystemForm, DesignSystemModelForm, textarea
from scorecard.review import rules

KIND_LABELS = dict(rules.COLUMNS)
PLACED_CHOICES = [(kind, KIND_LABELS[kind]) for kind in rules.PLACED_KINDS]


def item_key(item):
    return f"{type(item).__name__.lower()}-{item.pk}"


def item_choices(measures, objectives, scorecard):
    """Choices grouped by whose items they are: the scorecard's own first, then providers'."""
    groups = {}
    for noun, items in (("objectives", objectives), ("measures", measures)):
        for item in items:
            unit = (item.scorecard if noun == "objectives" else item.objective.scorecard).unit
            own = unit.pk == scorecard.unit_id
            heading = f"{unit.name}: {noun}" + ("" if own else " (a service relied on)")
            groups.setdefault((not own, unit.lft, noun, heading), []).append(
                (item_key(item), str(item))
            )
    return [("", "Choose one")] + [
        (key[3], choices) for key, choices in sorted(groups.items(), key=lambda g: g[0][:3])
    ]


class PlaceForm(DesignSystemForm):
    """Place a measure or objective of the scorecard, or of a service it relies on."""

    prefix = "place"
    item = forms.ChoiceField(
        label="Measure or objective",
        choices=[("", "Choose one")],  # filled in by __init__
        help_text="This scorecard's, or one of a service the unit relies on, such as "
        "pathology or imaging.",
    )
    kind = forms.ChoiceField(label="Column", choices=PLACED_CHOICES)
    note = forms.CharField(
        label="Note",
        required=False,
        widget=textarea(2),
        help_text="Why it belongs in this column.",
    )

    def __init__(self, *args, scorecard, key_target, measures, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.scorecard = scorecard
        self.key_target = key_target
        self.items = {item_key(item): item for item in [*measures, *objectives]}
        self.fields["item"].choices = item_choices(measures, objectives, scorecard)
        self.fields["item"].error_messages["invalid_choice"] = (
            "Choose a measure or objective of this scorecard or of a service the unit relies on"
        )

    def clean_item(self):
        item = self.items[self.cleaned_data["item"]]
        field = "measure" if isinstance(item, Measure) else "objective"
        placed = Alignment.objects.filter(
            scorecard=self.scorecard, key_target=self.key_target, **{field: item}
        ).first()
        if placed:
            raise ValidationError(
                f"{item} is already in this review, under “{KIND_LABELS[placed.kind]}”: "
                "move it from there instead"
            )
        return item

    def alignment(self):
        item = self.cleaned_data["item"]
        field = "measure" if isinstance(item, Measure) else "objective"
        return Alignment(
            scorecard=self.scorecard,
            key_target=self.key_target,
            kind=self.cleaned_data["kind"],
            note=self.cleaned_data["note"],
            **{field: item},
        )


class MissingForm(DesignSystemModelForm):
    """Say what is missing: a measure or objective the target needs and nobody has."""

    prefix = "missing"

    class Meta:
        model = Alignment
        fields = ["description", "note"]
        widgets = {"note": textarea(2)}
        labels = {"description": "What is missing"}
        help_texts = {
            "description": "In words, such as “Turnaround of imaging for outpatient requests”.",
            "note": "Why the target needs it.",
        }

    def __init__(self, *args, scorecard, key_target, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True
        self.fields["description"].error_messages["required"] = (
            "Say what is missing, in a few words"
        )
        self.instance.scorecard = scorecard
        self.instance.key_target = key_target
        self.instance.kind = Alignment.Kind.MISSING


class MoveForm(DesignSystemForm):
    kind = forms.ChoiceField(label="Move to", choices=PLACED_CHOICES)


class DraftObjectiveForm(ObjectiveForm):
    """A draft objective, in a chosen perspective, from a missing item."""

    class Meta(ObjectiveForm.Meta):
        fields = ["perspective", "code", "title", "owner", "theme", "contributes_to"]


class DraftMeasureForm(MeasureForm):
    """A draft measure, under a chosen objective with a code; the sheet is filled in later."""

    tests_passed = None

    class Meta(MeasureForm.Meta):
        fields = ["objective", "code", "title", "direction", "unit", "frequency"]
