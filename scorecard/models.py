"""Frameworks and the scorecard with the artefacts of the eight design stages.

Stage completeness is computed from these rows, never stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from organisations.models import InSubtreeQuerySet, OrganisationUnit
from scorecard.lib.words import count_of


class Framework(models.Model):
    """A set of perspectives a scorecard is built on (Kaplan & Norton, the NHS PAF...)."""

    class RollupMethod(models.TextChoices):
        # The values are measures.scores' methods, which the dashboards apply.
        WEIGHTED_AVERAGE = "weighted_average", "Weighted average"
        WORST = "worst", "Worst of"
        CAPPED_AVERAGE = "capped_average", "Weighted average, capped by the worst measure's band"

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(
        default=True, help_text="Only active frameworks can be chosen for a new scorecard."
    )
    rollup_method = models.CharField(
        "roll-up",
        max_length=20,
        choices=RollupMethod,
        default=RollupMethod.WEIGHTED_AVERAGE,
        help_text=(
            "How an objective's, a perspective's and a unit's score is made from the scores "
            "below it: their weighted average; the worst of them; or their weighted average, "
            "no higher than 6.5 while a measure is within tolerance and 3.2 while one is off "
            "target, so an average cannot hide a red."
        ),
    )
    must_not_fail_caps = models.BooleanField(
        "a must-not-fail measure off target caps the scores above it",
        default=True,
        help_text=(
            "A zero-tolerance measure (never events, MRSA) off target makes its objective, "
            "perspective and unit off target (3.2 at most), whatever the rest score."
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PerspectiveQuerySet(models.QuerySet):
    def live(self):
        """Perspectives a scorecard can use: not retired by an admin."""
        return self.filter(is_retired=False)


class Perspective(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="perspectives")
    name = models.CharField(max_length=100)
    key_question = models.CharField(max_length=300, blank=True)
    colour = models.CharField(
        max_length=7,
        default="#005eb8",
        help_text="A hex colour such as #005eb8, used for the perspective's lane and headings.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower comes first; on a strategy map the first lane is the lowest."
    )
    is_retired = models.BooleanField(
        default=False,
        help_text="A retired perspective keeps its objectives but takes no new ones.",
    )

    objects = PerspectiveQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "name"], name="perspective_name_unique_in_framework"
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"),
                name="perspective_colour_is_hex",
                violation_error_message=(
                    "Enter the colour as # and six hex digits, such as #005eb8."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def deletion_blocker(self) -> str | None:
        """Why the perspective cannot be deleted, or None when it can."""
        count = self.objectives.count()
        if not count:
            return None
        return (
            f"“{self.name}” has {count_of(count, 'objective')}, so it cannot be deleted. "
            "Retire it instead: its objectives are kept and it takes no new ones."
        )


class ScorecardQuerySet(InSubtreeQuerySet):
    unit_path = "unit"


class Scorecard(models.Model):
    """The one living balanced scorecard of a unit."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        ARCHIVED = "archived", "Archived"

    class Cadence(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"

    unit = models.OneToOneField(
        OrganisationUnit, on_delete=models.PROTECT, related_name="scorecard"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="scorecards")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)

    # Stage 1: strategic foundation.
    mission = models.TextField(blank=True)
    vision = models.TextField(blank=True)
    values = models.TextField(blank=True)
    strategy_statement = models.TextField(blank=True)
    requirements = models.TextField(
        "national and regulatory requirements",
        blank=True,
        help_text="The standards and requirements the unit must meet.",
    )

    # Stage 8: implementation.
    performance_review_cadence = models.CharField(
        max_length=20, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    strategy_review_cadence = models.CharField(
        max_length=20, choices=Cadence.choices, default=Cadence.QUARTERLY
    )
    data_quality_process = models.TextField(blank=True)
    # Who signed the scorecard off stays on record: such a user is made
    # inactive, not deleted (emptying it would break sign_off_names_who).
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScorecardQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True) | Q(signed_off_by__isnull=False),
                name="sign_off_names_who",
                violation_error_message="A sign-off needs the person who signed it off.",
            ),
        ]

    def __str__(self):
        return f"Scorecard of {self.unit}"

    def clean(self):
        if not self.pk or not self.framework_id:
            return
        stored = Scorecard.objects.filter(pk=self.pk).values_list("framework_id", flat=True)
        if stored.first() != self.framework_id and self.objectives.exists():
            raise ValidationError(
                {
                    "framework": "The scorecard's objectives sit in the perspectives of its "
                    "framework, so the framework cannot change while it has objectives."
                }
            )


class StrategicTheme(models.Model):
    """A strategic theme or "pillar" that runs across the perspectives."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scorecard", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "name"], name="theme_name_unique_in_scorecard"
            ),
        ]

    def __str__(self):
        return self.name

    def deletion_blocker(self) -> str | None:
        """Why the theme cannot be deleted, or None when it can: nothing may lose its theme
        or its statements by accident."""
        objectives = self.objectives.count()
        statements = self.statements.count()
        if not objectives and not statements:
            return None
        uses = []
        if objectives:
            uses.append(f"is the theme of {count_of(objectives, 'objective')}")
        if statements:
            uses.append(f"has {count_of(statements, 'summary statement')}")
        return (
            f"“{self}” {' and '.join(uses)}, so it was not deleted. Move those objectives to "
            "another theme and clear its statements first, or rename the theme instead."
        )


class SwotItem(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        WEAKNESS = "weakness", "Weakness"
        OPPORTUNITY = "opportunity", "Opportunity"
        THREAT = "threat", "Threat"

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="swot_items")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scorecard", "kind", "position", "pk"]
        verbose_name = "SWOT item"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class Stakeholder(models.Model):
    """A stakeholder placed on the power / impact grid."""

    class Level(models.TextChoices):
        HIGH = "high", "High"
        LOW = "low", "Low"

    class Category(models.TextChoices):
        # The "9 Cs" checklist for finding stakeholders.
        COMMISSIONERS = "commissioners", "Commissioners"
        CUSTOMERS = "customers", "Customers"
        COLLABORATORS = "collaborators", "Collaborators"
        CONTRIBUTORS = "contributors", "Contributors"
        CHANNELS = "channels", "Channels"
        COMMENTATORS = "commentators", "Commentators"
        CONSUMERS = "consumers", "Consumers"
        CHAMPIONS = "champions", "Champions"
        COMPETITORS = "competitors", "Competitors"

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    power = models.CharField(max_length=4, choices=Level.choices)
    impact = models.CharField(max_length=4, choices=Level.choices)
    engagement_action = models.TextField(blank=True)

    class Meta:
        ordering = ["scorecard", "name"]

    def __str__(self):
        return self.name

    @property
    def quadrant(self):
        return stakeholder_quadrant(self.power, self.impact)


def stakeholder_quadrant(power, impact):
    """Where a stakeholder sits on the power / impact grid, and so how to engage them."""
    high_power = power == Stakeholder.Level.HIGH
    high_impact = impact == Stakeholder.Level.HIGH
    if high_power:
        return "Manage" if high_impact else "Satisfy"
    return "Inform" if high_impact else "Monitor"


class SummaryStatement(models.Model):
    """Stage 2: what a strategic theme means in one perspective."""

    theme = models.ForeignKey(StrategicTheme, on_delete=models.CASCADE, related_name="statements")
    perspective = models.ForeignKey(
        Perspective, on_delete=models.PROTECT, related_name="summary_statements"
    )
    statement = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "perspective"], name="one_statement_per_theme_and_perspective"
            ),
        ]

    def __str__(self):
        return f"{self.theme} × {self.perspective}"

    def clean(self):
        if self.theme_id and self.perspective_id:
            framework_id = self.theme.scorecard.framework_id
            if self.perspective.framework_id != framework_id:
                raise ValidationError(
                    {"perspective": "Choose a perspective of the scorecard's framework."}
                )


class ObjectiveQuerySet(InSubtreeQuerySet):
    unit_path = "scorecard__unit"

    def live(self):
        """Objectives on their scorecard: not retired (see MeasureQuerySet.live)."""
        return self.filter(is_retired=False)


class Objective(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.PROTECT, related_name="objectives")
    perspective = models.ForeignKey(
        Perspective, on_delete=models.PROTECT, related_name="objectives"
    )
    theme = models.ForeignKey(
        StrategicTheme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objectives",
    )
    code = models.CharField(max_length=20)
    title = models.CharField(
        max_length=200, help_text="A verb and an object: “Reduce waits for diagnostic tests”."
    )
    description = models.TextField(blank=True, help_text="What success looks like.")
    owner = models.CharField(max_length=200, blank=True)
    weight = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(default=0)
    is_retired = models.BooleanField(default=False)
    contributes_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        help_text="The objective of the parent unit's scorecard that this one serves.",
    )

    objects = ObjectiveQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["scorecard", "perspective__position", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "code"], name="objective_code_unique_in_scorecard"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0),
                name="objective_weight_not_negative",
                violation_error_message="An objective's weight cannot be negative.",
            ),
            models.CheckConstraint(
                condition=~Q(contributes_to=F("pk")),
                name="objective_not_contributing_to_itself",
                violation_error_message="An objective cannot contribute to itself.",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        errors = {}
        if (
            self.scorecard_id
            and self.perspective_id
            and self.perspective.framework_id != self.scorecard.framework_id
        ):
            errors["perspective"] = "Choose a perspective of the scorecard's framework."
        if self.scorecard_id and self.theme_id and self.theme.scorecard_id != self.scorecard_id:
            errors["theme"] = "Choose a theme of this scorecard."
        if self.scorecard_id and self.contributes_to_id:
            parent_unit_id = self.scorecard.unit.parent_id
            if self.contributes_to.scorecard.unit_id != parent_unit_id:
                errors["contributes_to"] = (
                    "An objective can only contribute to an objective of the parent unit's "
                    "scorecard."
                )
        if errors:
            raise ValidationError(errors)

    def deletion_blocker(self) -> str | None:
        """Why the objective cannot be deleted, or None when it can: its measures would go."""
        count = self.measures.count()
        if not count:
            return None
        return (
            f"{self} has {count_of(count, 'measure')}, so deleting it would lose their "
            "definitions and values. Retire it instead: it leaves the scorecard but keeps its "
            "history."
        )


class ObjectiveLink(models.Model):
    """A cause-and-effect arrow of the strategy map."""

    cause = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="effect_links")
    effect = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="cause_links")
    rationale = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cause", "effect"], name="one_link_per_cause_and_effect"
            ),
            models.CheckConstraint(
                condition=~Q(cause=F("effect")),
                name="objective_link_not_to_itself",
                violation_error_message="An objective cannot cause itself; choose another effect.",
            ),
        ]

    def __str__(self):
        return f"{self.cause.code} → {self.effect.code}"

    def clean(self):
        if (
            self.cause_id
            and self.effect_id
            and self.cause.scorecard_id != self.effect.scorecard_id
        ):
            raise ValidationError("Both objectives of a link must be on the same scorecard.")


class Initiative(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        DELAYED = "delayed", "Delayed"
        COMPLETE = "complete", "Complete"
        CANCELLED = "cancelled", "Cancelled"

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    budget = models.DecimalField(
        "budget (£)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    progress = models.PositiveSmallIntegerField("progress (%)", default=0)
    benefits_for_nhs = models.TextField("expected benefits for the NHS", blank=True)
    benefits_for_patients = models.TextField("expected benefits for patients", blank=True)
    objectives = models.ManyToManyField(Objective, blank=True, related_name="initiatives")
    measures = models.ManyToManyField("measures.Measure", blank=True, related_name="initiatives")

    class Meta:
        ordering = ["scorecard", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="initiative_progress_0_100",
                violation_error_message="Progress is a percentage from 0 to 100.",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="initiative_budget_not_negative",
                violation_error_message="A budget cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="initiative_ends_after_it_starts",
                violation_error_message="An initiative cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_date = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["initiative", "due_date", "pk"]

    def __str__(self):
        return self.title


class PackCover(models.Model):
    """The cover of a unit's board pack for a month: what the paper is for, and its key
    messages, written by the unit's lead (scorecard/pack)."""

    class Purpose(models.TextChoices):
        INFORMATION = "information", "For information"
        DISCUSSION = "discussion", "For discussion"
        ASSURANCE = "assurance", "For assurance"
        APPROVAL = "approval", "For approval"

    unit = models.ForeignKey(OrganisationUnit, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    purpose = models.CharField(max_length=20, choices=Purpose, default=Purpose.ASSURANCE)
    recommendation = models.TextField(
        help_text="What the meeting is asked to do, such as: note the position and the "
        "recovery actions."
    )
    key_messages = models.TextField(
        "key messages",
        help_text="Up to five, one on each line: what the reader must take away.",
    )
    author = models.CharField(max_length=200, help_text="Who wrote the paper, and their role.")
    lead_director = models.CharField(
        "lead director", max_length=200, help_text="The executive who presents it."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="one_pack_cover_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%Y-%m}"

    @property
    def messages(self) -> list[str]:
        return [line.strip() for line in self.key_messages.splitlines() if line.strip()]


class PackPdf(models.Model):
    """A unit's board pack for a month as a PDF: rendered in the background, then kept.

    A render of a closed month names the reported record it was made from; the
    unit's lead may publish it, once per record version, after which its bytes
    and hash are served unchanged. A draft (a month not closed) is never published.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RENDERING = "rendering", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    unit = models.ForeignKey(OrganisationUnit, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    # The reported record the pack shows; None: the month was not closed (a draft).
    record = models.ForeignKey(
        "cycle.ReportedUnit", null=True, on_delete=models.PROTECT, related_name="+"
    )
    latest = models.BooleanField(
        default=False, help_text="Made with the latest figures rather than as reported."
    )
    state = models.CharField(max_length=10, choices=State, default=State.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)
    error = models.TextField(blank=True)
    content = models.BinaryField(null=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField(null=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__day=1), name="pack_pdf_month_starts_on_first"
            ),
            # Only a finished render of a closed month's record, as reported, is published.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(state="ready", record__isnull=False, latest=False),
                name="published_pack_is_a_ready_record",
            ),
            models.UniqueConstraint(
                fields=["record"],
                condition=Q(published_at__isnull=False),
                name="one_published_pack_per_record",
                violation_error_message="A pack is already published for this version.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%Y-%m} pack ({self.get_state_display()})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.READY, self.State.FAILED)

    @property
    def filename(self) -> str:
        if self.latest:
            kind = "board-pack-latest"
        else:
            kind = "board-pack" if self.record_id else "board-pack-DRAFT"
        return f"{self.unit.code}-{self.month:%Y-%m}-{kind}.pdf"
