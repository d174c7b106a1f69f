from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey
from mptt.querysets import TreeQuerySet


class Role(models.TextChoices):
    MANAGER = "manager", "Manager"
    ANALYST = "analyst", "Analyst"
    ADMIN = "admin", "Admin"


# Roles that may change a unit's scorecard and values; analysts only read.
WRITE_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


class OrganisationUnitQuerySet(TreeQuerySet):
    def visible_to(self, user):
        """Units covered by one of the user's roles: each granted unit and its subtree."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        granted = OrganisationUnit.objects.filter(memberships__user=user)
        return self.filter(
            models.Exists(
                granted.filter(
                    tree_id=models.OuterRef("tree_id"),
                    lft__lte=models.OuterRef("lft"),
                    rght__gte=models.OuterRef("rght"),
                )
            )
        )


class OrganisationUnit(MPTTModel):
    """A trust, directorate, department or service; the tree is the organisation.

    Write the tree only through organisations.services: django-mptt keeps
    lft/rght in every row, and two unlocked writers can corrupt it.
    """

    class Kind(models.TextChoices):
        TRUST = "trust", "Trust"
        DIRECTORATE = "directorate", "Directorate"
        DEPARTMENT = "department", "Department"
        SERVICE = "service", "Service"

    name = models.CharField(max_length=200)
    code = models.CharField(
        max_length=20,
        unique=True,
        help_text="A short code that identifies the unit in imports and exports, e.g. RXX-SURG.",
    )
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = TreeForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(default=True)

    objects = TreeManager.from_queryset(OrganisationUnitQuerySet)()

    class MPTTMeta:
        order_insertion_by = ["name"]

    class Meta:
        verbose_name = "organisation unit"
        constraints = [
            # Codes are matched without regard to case in imports, so they
            # must differ by more than case.
            models.UniqueConstraint(
                Upper("code"),
                name="unit_code_unique_ignoring_case",
                violation_error_message="Another unit already has this code.",
            ),
            models.CheckConstraint(
                condition=~Q(code=""),
                name="unit_code_not_blank",
                violation_error_message="Give the unit a code.",
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="unit_name_not_blank",
                violation_error_message="Give the unit a name.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("dashboards:unit", args=[self.slug])

    def clean(self):
        self.code = self.code.strip().upper()
        # A trust heads a tree (an integrated care system may hold several);
        # every other unit sits inside one.
        if self.kind == self.Kind.TRUST and self.parent_id:
            raise ValidationError(
                {"parent": "A trust is the top of a tree; leave its parent empty."}
            )
        if self.kind != self.Kind.TRUST and not self.parent_id:
            raise ValidationError(
                {"parent": f"Choose the unit this {self.get_kind_display().lower()} belongs to."}
            )


class Membership(models.Model):
    """A role granted on a unit; it covers the unit and every unit below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        help_text="Managers and admins change the unit's scorecard and values; analysts read. "
        "Settings (this admin site) also needs the user's staff status.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="one_role_per_user_and_unit"),
        ]

    def __str__(self):
        return f"{self.user} is {self.get_role_display().lower()} of {self.unit}"

    @property
    def can_write(self):
        return self.role in WRITE_ROLES


class ServiceDependency(models.Model):
    """A unit relies on a provider unit (Surgery on Imaging and Pathology)."""

    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.CASCADE, related_name="dependencies"
    )
    provider = models.ForeignKey(
        OrganisationUnit, on_delete=models.CASCADE, related_name="dependants"
    )
    note = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "service dependencies"
        constraints = [
            models.UniqueConstraint(fields=["unit", "provider"], name="one_dependency_per_pair"),
            models.CheckConstraint(
                condition=~Q(unit=models.F("provider")),
                name="no_dependency_on_itself",
                violation_error_message="A unit cannot rely on itself; choose another provider.",
            ),
        ]

    def __str__(self):
        return f"{self.unit} relies on {self.provider}"
