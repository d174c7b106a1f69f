"""Who may see and change which unit. Every view asks here; nothing else decides.

A role granted on a unit covers that unit and every unit below it. Outsiders
get 404 (they are not told the unit exists); read-only users get 403 on writes.
Superusers count as admin everywhere. The QuerySet methods this builds on
(`OrganisationUnit.objects.visible_to(user)`, `.writable_by(user)`,
`Membership.objects.covering(unit)`) are the same rule for many units at once.
"""

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from organisations.models import (
    Membership,
    MembershipQuerySet,
    OrganisationUnit,
    Role,
    ancestry_q,
    role_can_write,
)

# Strongest first: where several roles cover a unit, the strongest counts.
ROLE_STRENGTH: list[str] = [Role.ADMIN, Role.MANAGER, Role.PERFORMANCE_LEAD, Role.ANALYST]


def granting_membership(user: User | AnonymousUser, unit: OrganisationUnit) -> Membership | None:
    """The user's strongest membership on the unit or a unit above it, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    covering = Membership.objects.filter(user=user).covering(unit).select_related("unit")
    # Strongest role first; between equals, the one granted nearest the unit.
    return min(
        covering,
        key=lambda m: (ROLE_STRENGTH.index(m.role), -m.unit.level),
        default=None,
    )


def _role_given(user: User | AnonymousUser, membership: Membership | None) -> Role | None:
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Role.ADMIN
    return Role(membership.role) if membership else None


def role_for(user: User | AnonymousUser, unit: OrganisationUnit) -> Role | None:
    """The strongest role the user holds on the unit or any unit above it, or None."""
    return _role_given(user, granting_membership(user, unit))


def can_write(user: User | AnonymousUser, unit: OrganisationUnit) -> bool:
    """Whether the user may change the unit's scorecard and values."""
    return role_can_write(role_for(user, unit))


def leads(user: User | AnonymousUser, unit: OrganisationUnit) -> bool:
    """Whether the user leads the unit: a manager granted on the unit itself, or an admin.

    A manager above may change the unit's values, but how the unit's own
    processes are judged (restarting a measure's limits) is decided by the
    people who run it.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if role_for(user, unit) == Role.ADMIN:
        return True
    return Membership.objects.filter(user=user, unit=unit, role=Role.MANAGER).exists()


# Roles that may close and reopen a month for the units they cover.
CLOSE_ROLES = frozenset({Role.PERFORMANCE_LEAD, Role.ADMIN})


def can_close(user: User | AnonymousUser, unit: OrganisationUnit) -> bool:
    """Whether the user may close and reopen months for `unit` and the units below it.

    A performance lead's or an admin's role on the unit or above it, whatever
    stronger role the user holds there (a manager who is also the trust's
    performance lead closes the trust's months).
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role__in=CLOSE_ROLES).covering(unit).exists()


def closable_units(user: User | AnonymousUser) -> Any:
    """The units whose months the user may close (as can_close says), in tree order."""
    if not user.is_authenticated or not user.is_active:
        return OrganisationUnit.objects.none()
    units = OrganisationUnit.objects.all()
    if not user.is_superuser:
        closers = Membership.objects.filter(user=user, role__in=CLOSE_ROLES)
        units = units.filter(Exists(closers.filter(ancestry_q(OuterRef("pk"), "unit"))))
    return units.order_by("tree_id", "lft")


def unit_to_close(request: HttpRequest, slug: str) -> OrganisationUnit:
    """The unit named by `slug` if the user may close its months: 404 to outsiders, else 403."""
    unit = unit_for_user(request, slug)
    if not can_close(request.user, unit):
        raise PermissionDenied("Only a performance lead or an admin closes and reopens months.")
    return unit


def managed_unit_filter(user: User | AnonymousUser) -> Q:
    """A Q over OrganisationUnit fields: the units a user may enter values for.

    The same answer as can_write for each unit (a superuser manages every
    unit), as a filter for many units at once.
    """
    return Q(pk__in=OrganisationUnit.objects.writable_by(user).values("pk"))


def memberships_of(user: User) -> MembershipQuerySet:
    """The user's own memberships in tree order, each with its unit and the unit's parent."""
    return (
        Membership.objects.filter(user=user)
        .select_related("unit", "unit__parent")
        .order_by("unit__tree_id", "unit__lft")
    )


def unit_for_user(
    request: HttpRequest, slug: str, *, write: bool = False, related: Sequence[str] = ()
) -> OrganisationUnit:
    """The unit named by `slug` if the user may see it (and change it, with write=True).

    The unit carries the user's `role` on it and `role_granted_on`, the unit
    the role was granted on (None for superusers). `related` is passed to
    select_related on the unit's lookup.
    """
    unit: OrganisationUnit = get_object_or_404(
        OrganisationUnit.objects.select_related(*related), slug=slug
    )
    membership = granting_membership(request.user, unit)
    role = _role_given(request.user, membership)
    if role is None:
        raise Http404("No such unit.")
    if write and not role_can_write(role):
        raise PermissionDenied("Your role on this unit is read-only.")
    unit.role = role
    # Where the role comes from, so the page can say so; None for superusers.
    unit.role_granted_on = membership.unit if membership else None
    return unit


def scorecard_for_user(request: HttpRequest, slug: str, *, write: bool = False) -> Any:
    """The unit's scorecard if the user may see it (and change it, with write=True).

    Read with its unit in the access check's own query, through the unit's
    one-to-one scorecard (organisations sits below scorecard and does not
    import its models); the scorecard's `unit` keeps the role found.
    """
    unit = unit_for_user(
        request, slug, write=write, related=("scorecard__framework", "scorecard__signed_off_by")
    )
    try:
        scorecard = unit.scorecard
    except ObjectDoesNotExist:
        raise Http404("This unit has no scorecard yet.") from None
    scorecard.unit = unit
    return scorecard
