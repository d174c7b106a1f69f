from typing import Self, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q
from django.db.models.functions import Upper
from django.urls import reverse
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey
from mptt.querysets import TreeQuerySet


class Role(models.TextChoices):
    MANAGER = "manager", "Manager"
    ANALYST = "analyst", "Analyst"
    ADMIN = "admin", "Admin"
    # Trust-wide: chases, closes and reopens months; reads like an analyst.
    PERFORMANCE_LEAD = "performance_lead", "Performance lead"


# Roles that may change a unit's scorecard and values; analysts only read.
WRITE_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


def role_can_write(role: str | None) -> bool:
    """Whether `role` may change a unit's scorecard and values (None, no role, may not)."""
    return role in WRITE_ROLES


def subtree_q(unit: "OrganisationUnit | OuterRef", path: str = "") -> Q:
    """A Q for rows whose unit (reached through `path`) is `unit` or a unit below it.

    `unit` is an OrganisationUnit, or OuterRef("pk") / OuterRef("<path to a
    unit>") naming one in an enclosing query. The one place the tree's
    numbers are compared; every "in this subtree" is a QuerySet method built
    on it (`in_subtree`).
    """
    return _tree_q(unit, path, below=True)


def ancestry_q(unit: "OrganisationUnit | OuterRef", path: str = "") -> Q:
    """A Q for rows whose unit (reached through `path`) is `unit` or a unit above it."""
    return _tree_q(unit, path, below=False)


def _tree_q(unit: "OrganisationUnit | OuterRef", path: str, *, below: bool) -> Q:
    if isinstance(unit, models.OuterRef):
        outer = "" if unit.name == "pk" else f"{unit.name}__"
        tree_id, lft, rght = (models.OuterRef(f"{outer}{n}") for n in ("tree_id", "lft", "rght"))
    else:
        tree_id, lft, rght = unit.tree_id, unit.lft, unit.rght
    prefix = f"{path}__" if path else ""
    # A unit's subtree is the units of its tree whose lft/rght lie within its own.
    lft_op, rght_op = ("gte", "lte") if below else ("lte", "gte")
    return Q(
        **{
            f"{prefix}tree_id": tree_id,
            f"{prefix}lft__{lft_op}": lft,
            f"{prefix}rght__{rght_op}": rght,
        }
    )


_M = TypeVar("_M", bound=models.Model)


class InSubtreeQuerySet(models.QuerySet[_M]):
    """Rows of a unit's subtree: `unit_path` leads from the row to its unit."""

    unit_path = "unit"

    def in_subtree(self, unit: "OrganisationUnit | OuterRef") -> Self:
        """The rows of `unit` and of every unit below it."""
        return self.filter(subtree_q(unit, self.unit_path))


class OrganisationUnitQuerySet(InSubtreeQuerySet["OrganisationUnit"], TreeQuerySet):
    unit_path = ""

    def visible_to(self, user: User | AnonymousUser) -> Self:
        """Units covered by one of the user's roles: each granted unit and its subtree."""
        return self._covered_for(user, Membership.objects.all())

    def writable_by(self, user: User | AnonymousUser) -> Self:
        """Units whose scorecard and values the user may change (as access.can_write says).

        A manager's or admin's role on the unit or above it; superusers everything.
        """
        return self._covered_for(user, Membership.objects.filter(role__in=WRITE_ROLES))

    def _covered_for(self, user: User | AnonymousUser, memberships: "MembershipQuerySet") -> Self:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        granted = memberships.filter(user=user)
        return self.filter(
            models.Exists(granted.filter(ancestry_q(models.OuterRef("pk"), "unit")))
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

    name: "models.CharField[str, str]" = models.CharField(max_length=200)
    code: "models.CharField[str, str]" = models.CharField(
        max_length=20,
        unique=True,
        help_text="A short code that identifies the unit in imports and exports, e.g. RXX-SURG.",
    )
    slug: "models.SlugField[str, str]" = models.SlugField(max_length=80, unique=True)
    kind: "models.CharField[str, str]" = models.CharField(max_length=20, choices=Kind.choices)
    parent = TreeForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active: "models.BooleanField[bool, bool]" = models.BooleanField(default=True)
    reporting_working_days: "models.PositiveSmallIntegerField[int | None, int | None]" = (
        models.PositiveSmallIntegerField(
            null=True,
            blank=True,
            validators=[MinValueValidator(1)],
            help_text="Values are due this many working days after their period ends, for this "
            "unit and the units below it. Leave empty to use the unit above's, or the trust-wide "
            "setting.",
        )
    )

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

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dashboards:unit", args=[self.slug])

    def clean(self) -> None:
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


class MembershipQuerySet(InSubtreeQuerySet["Membership"]):
    def covering(self, unit: "OrganisationUnit | OuterRef") -> Self:
        """Memberships granted on `unit` or on a unit above it: the roles that reach it."""
        return self.filter(ancestry_q(unit, "unit"))


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

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="one_role_per_user_and_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.get_role_display().lower()} of {self.unit}"

    @property
    def can_write(self) -> bool:
        return role_can_write(self.role)


class ServiceDependencyQuerySet(InSubtreeQuerySet["ServiceDependency"]):
    def touching(self, unit: "OrganisationUnit | OuterRef") -> Self:
        """Dependencies whose dependant or provider is `unit` or a unit below it."""
        return self.filter(subtree_q(unit, "unit") | subtree_q(unit, "provider"))


class ServiceDependency(models.Model):
    """A unit relies on a provider unit (Surgery on Imaging and Pathology)."""

    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.CASCADE, related_name="dependencies"
    )
    provider = models.ForeignKey(
        OrganisationUnit, on_delete=models.CASCADE, related_name="dependants"
    )
    note = models.TextField(blank=True)

    objects = ServiceDependencyQuerySet.as_manager()

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

    def __str__(self) -> str:
        return f"{self.unit} relies on {self.provider}"
